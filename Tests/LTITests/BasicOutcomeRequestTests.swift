import LTI
import Testing

@Suite("LTI 1.1 Basic Outcomes requests")
struct BasicOutcomeRequestTests {
    @Test(arguments: [
        ("0.92", 0.92), ("1", 1.0), (".5", 0.5), ("1.0", 1.0), ("0", 0.0), ("1.", 1.0), ("  0.25\n", 0.25), ("\t.75 ", 0.75),
        ("+0.5", 0.5), ("-0.5", -0.5), ("00.10", 0.1), ("2", 2.0),
    ])
    func plainDecimalsAreScores(text: String, expected: Double) {
        #expect(BasicOutcomeRequest.score(fromText: text) == expected)
    }

    @Test(arguments: [
        "", " ", ".", "+", "-", "NaN", "nan", "inf", "-inf", "Infinity", "1e2", "1E-1", "0x1p-1", "0,5", "1,000.5", "1.2.3", "0.5%", "½",
        "٠.٥", "1 0", "--1", "+-1", "0.5\u{0}",
    ])
    func otherTextIsNotAScore(text: String) {
        #expect(BasicOutcomeRequest.score(fromText: text) == nil)
    }

    @Test func overlongScoreTextIsNotAScore() {
        let text = "0." + String(repeating: "5", count: BasicOutcomeRequest.maximumScoreTextLength - 1)
        #expect(BasicOutcomeRequest.score(fromText: text) == nil)
        #expect(BasicOutcomeRequest.score(fromText: String(text.dropLast())) != nil)
    }

    @Test(arguments: [(0.0, true), (1.0, true), (0.92, true), (-0.0, true), (-0.01, false), (1.0001, false), (.nan, false), (.infinity, false)])
    func outcomeRangeIsZeroToOne(score: Double, inRange: Bool) {
        #expect(BasicOutcomeRequest.isInOutcomeRange(score) == inRange)
    }

    @Test func operationNamesAreTheRefIdentifiers() {
        #expect(BasicOutcomeRequest.Operation.replaceResult(score: 0.5, text: nil).name == "replaceResult")
        #expect(BasicOutcomeRequest.Operation.readResult.name == "readResult")
        #expect(BasicOutcomeRequest.Operation.deleteResult.name == "deleteResult")
        #expect(BasicOutcomeRequest.Operation.unsupported(name: "readMembership").name == "readMembership")
    }
}
