import LTI
import Testing

@Suite("LTI 1.1 Basic Outcomes responses")
struct BasicOutcomeResponseTests {
    static let request = BasicOutcomeRequest(messageIdentifier: "999999123", sourcedID: "3124567", operation: .readResult)

    @Test func readResultRendersTheGoldenDocument() {
        let response = BasicOutcomeResponse(
            answering: Self.request,
            messageIdentifier: "4560",
            codeMajor: .success,
            description: "Result read",
            body: .readResult(score: 0.92)
        )
        #expect(
            response.xml == """
                <?xml version="1.0" encoding="UTF-8"?>
                <imsx_POXEnvelopeResponse xmlns="http://www.imsglobal.org/services/ltiv1p1/xsd/imsoms_v1p0">
                  <imsx_POXHeader>
                    <imsx_POXResponseHeaderInfo>
                      <imsx_version>V1.0</imsx_version>
                      <imsx_messageIdentifier>4560</imsx_messageIdentifier>
                      <imsx_statusInfo>
                        <imsx_codeMajor>success</imsx_codeMajor>
                        <imsx_severity>status</imsx_severity>
                        <imsx_description>Result read</imsx_description>
                        <imsx_messageRefIdentifier>999999123</imsx_messageRefIdentifier>
                        <imsx_operationRefIdentifier>readResult</imsx_operationRefIdentifier>
                      </imsx_statusInfo>
                    </imsx_POXResponseHeaderInfo>
                  </imsx_POXHeader>
                  <imsx_POXBody>
                    <readResultResponse>
                      <result>
                        <resultScore>
                          <language>en</language>
                          <textString>0.92</textString>
                        </resultScore>
                      </result>
                    </readResultResponse>
                  </imsx_POXBody>
                </imsx_POXEnvelopeResponse>

                """
        )
    }

    @Test func failureRendersAnErrorWithAnEmptyBody() {
        let request = BasicOutcomeRequest(messageIdentifier: "m-1", sourcedID: "s", operation: .replaceResult(score: 1.5, text: nil))
        let xml = BasicOutcomeResponse(answering: request, messageIdentifier: "r-1", codeMajor: .failure, description: "Score out of range").xml
        #expect(xml.contains("<imsx_codeMajor>failure</imsx_codeMajor>\n"))
        #expect(xml.contains("<imsx_severity>error</imsx_severity>\n"))
        #expect(xml.contains("<imsx_operationRefIdentifier>replaceResult</imsx_operationRefIdentifier>\n"))
        #expect(xml.hasSuffix("  </imsx_POXHeader>\n  <imsx_POXBody/>\n</imsx_POXEnvelopeResponse>\n"))
    }

    @Test func unsupportedIsAStatus() {
        let request = BasicOutcomeRequest(messageIdentifier: "m-2", sourcedID: "s", operation: .unsupported(name: "readMembership"))
        let response = BasicOutcomeResponse(answering: request, messageIdentifier: "r-2", codeMajor: .unsupported, description: "Not supported")
        #expect(response.severity == .status)
        #expect(response.xml.contains("<imsx_codeMajor>unsupported</imsx_codeMajor>\n"))
        #expect(response.xml.contains("<imsx_operationRefIdentifier>readMembership</imsx_operationRefIdentifier>\n"))
    }

    @Test(arguments: [
        (BasicOutcomeResponse.Body.replaceResult, "<imsx_POXBody>\n    <replaceResultResponse/>\n  </imsx_POXBody>\n"),
        (.deleteResult, "<imsx_POXBody>\n    <deleteResultResponse/>\n  </imsx_POXBody>\n"),
        (.readResult(score: nil), "<textString></textString>"),
        (.readResult(score: 1), "<textString>1.0</textString>"),
        (.readResult(score: 0.00001), "<textString>0.00001</textString>"),
        (.readResult(score: .nan), "<textString></textString>"),
    ])
    func bodiesRender(body: BasicOutcomeResponse.Body, expected: String) {
        let response = BasicOutcomeResponse(
            messageIdentifier: "r",
            messageRefIdentifier: "m",
            operationRefIdentifier: "op",
            codeMajor: .success,
            description: "",
            body: body
        )
        #expect(response.xml.contains(expected))
    }

    @Test func hostileTextIsEscaped() {
        let hostile = "<&\"'>\u{0}\u{8}\u{1B}\r\u{FFFE}</imsx_description><x>"
        let response = BasicOutcomeResponse(
            messageIdentifier: hostile,
            messageRefIdentifier: "]]><!--",
            operationRefIdentifier: "a&b",
            codeMajor: .failure,
            description: hostile
        )
        let escaped = "&lt;&amp;&quot;&apos;&gt;\u{FFFD}\u{FFFD}\u{FFFD}&#xD;\u{FFFD}&lt;/imsx_description&gt;&lt;x&gt;"
        #expect(response.xml.contains("<imsx_messageIdentifier>\(escaped)</imsx_messageIdentifier>"))
        #expect(response.xml.contains("<imsx_description>\(escaped)</imsx_description>"))
        #expect(response.xml.contains("<imsx_messageRefIdentifier>]]&gt;&lt;!--</imsx_messageRefIdentifier>"))
        #expect(response.xml.contains("<imsx_operationRefIdentifier>a&amp;b</imsx_operationRefIdentifier>"))
        #expect(!response.xml.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}
