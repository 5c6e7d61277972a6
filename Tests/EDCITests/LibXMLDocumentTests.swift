import EDCI
import Foundation
import Testing

@Suite struct LibXMLDocumentTests {
    @Test func parsesAWellFormedDocumentAndReportsItsRoot() throws {
        let document = try LibXMLDocument(parsing: try Fixtures.sample("EDC_WileECoyote_Simple.xml"))
        #expect(document.rootElementName == "europassCredential")
        #expect(document.rootNamespace == "http://data.europa.eu/snb")
    }

    @Test func serializationRoundTripsTheTree() throws {
        let document = try LibXMLDocument(parsing: "<a xmlns=\"urn:x\"><b c=\"1 &amp; 2\">t &lt; u</b></a>")
        let text = String(decoding: document.serialized(), as: UTF8.self)
        #expect(text.contains("<b c=\"1 &amp; 2\">t &lt; u</b>"))
        let again = try LibXMLDocument(parsing: document.serialized())
        #expect(again.serialized() == document.serialized())
    }

    @Test func refusesBillionLaughsBeforeExpandingAnything() throws {
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <lolz>&lol9;</lolz>
            """
        let error = try #require(throws: EDCIError.self) { try LibXMLDocument(parsing: bomb) }
        #expect(error.code == .forbiddenConstruct)
        #expect(error.message.contains("entity 'lol'"))
        #expect(error.message.contains("line 3"))
    }

    @Test func refusesAnExternalEntityPointingAtALocalFile() throws {
        let xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <foo>&xxe;</foo>
            """
        let error = try #require(throws: EDCIError.self) { try LibXMLDocument(parsing: xxe) }
        #expect(error.code == .forbiddenConstruct)
        #expect(error.message.contains("external entity 'xxe'"))
    }

    @Test func refusesAnExternalDTD() throws {
        let external = """
            <?xml version="1.0"?>
            <!DOCTYPE foo SYSTEM "http://127.0.0.1:9/evil.dtd">
            <foo/>
            """
        let error = try #require(throws: EDCIError.self) { try LibXMLDocument(parsing: external) }
        #expect(error.code == .forbiddenConstruct)
        #expect(error.message.contains("external DTD"))
    }

    @Test(arguments: ["<!DOCTYPE foo><foo>ok</foo>", "<!DOCTYPE foo [<!ELEMENT foo ANY><!ATTLIST foo lang CDATA \"nl\">]><foo>ok</foo>"])
    func refusesEveryDoctype(input: String) throws {
        let error = try #require(throws: EDCIError.self) { try LibXMLDocument(parsing: input) }
        #expect(error.code == .forbiddenConstruct)
        #expect(error.message.contains("DOCTYPE"))
    }

    @Test func refusesOversizedInputBeforeParsing() throws {
        let big = Data(("<a>" + String(repeating: "x", count: 2_000) + "</a>").utf8)
        let error = try #require(throws: EDCIError.self) {
            try LibXMLDocument(parsing: big, limits: .init(maxBytes: 1_024))
        }
        #expect(error.code == .tooLarge)
        #expect(error.message.contains("limit is 1024 bytes"))
    }

    @Test func theDefaultLimitIsFiveMebibytes() throws {
        #expect(LibXMLDocument.Limits.default.maxBytes == 5 * 1024 * 1024)
        let big = Data(repeating: UInt8(ascii: " "), count: 5 * 1024 * 1024 + 1)
        let error = try #require(throws: EDCIError.self) { try LibXMLDocument(parsing: big) }
        #expect(error.code == .tooLarge)
    }

    @Test(arguments: ["", "not xml at all", "{\"json\": true}", "<a><b></a>", "\u{FEFF}\u{0}<a/>"])
    func refusesNonXMLWithTheLineAndLibxml2Message(input: String) throws {
        let error = try #require(throws: EDCIError.self) { try LibXMLDocument(parsing: input) }
        #expect(error.code == .malformed)
        #expect(error.message.hasPrefix("The input is not well-formed XML") || error.message.contains("empty"))
    }

    @Test func malformedErrorsNameTheLine() throws {
        let error = try #require(throws: EDCIError.self) { try LibXMLDocument(parsing: "<a>\n<b>\n</a>") }
        #expect(error.message.contains("line 3"))
        #expect(error.message.contains("tag"))
    }
}
