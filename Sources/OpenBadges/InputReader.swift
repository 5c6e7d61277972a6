import Foundation
import Primitives

/// Reads a ``VerificationInput`` into an ``AssertionPayload``, unbaking images.
struct InputReader: Sendable {
    /// The largest text input or baked payload.
    let maximumTextBytes: Int
    /// The largest image.
    let maximumImageBytes: Int

    /// The payload and a description of where it came from, such as "a baked PNG holding a compact JWS".
    func read(_ input: VerificationInput) throws(OpenBadgesError) -> (payload: AssertionPayload, form: String) {
        switch input {
        case .text(let text):
            let payload = try AssertionPayload.recognize(text, maximumBytes: maximumTextBytes)
            return (payload, payload.form)
        case .data(let data):
            if data.starts(with: PNGEncoder.signature) {
                let baker = PNGBaker(maximumImageBytes: maximumImageBytes, maximumPayloadBytes: maximumTextBytes)
                guard let baked = try baker.extract(from: data) else {
                    throw OpenBadgesError(.invalidImage, "the PNG has no openbadges iTXt chunk")
                }
                let payload = try AssertionPayload.recognize(baked, maximumBytes: maximumTextBytes)
                return (payload, "a baked PNG holding \(payload.form)")
            }
            guard data.count <= maximumImageBytes else { throw OpenBadgesError(.tooLarge, "the input is larger than \(maximumImageBytes) bytes") }
            guard let text = String(data: data, encoding: .utf8) else {
                throw OpenBadgesError(.invalidInput, "the file is neither a PNG nor UTF-8 text")
            }
            if text.contains("<svg") {
                guard let baked = try SVGBaker(maximumImageBytes: maximumImageBytes).extract(from: text) else {
                    throw OpenBadgesError(.invalidImage, "the SVG has no openbadges:assertion element")
                }
                // The verify attribute is the assertion URL (hosted) or the JWS (signed); the element's
                // JSON is only a copy of the hosted assertion, which is fetched anyway.
                let source = baked.verify.isEmpty ? (baked.json ?? "") : baked.verify
                let payload = try AssertionPayload.recognize(source, maximumBytes: maximumTextBytes)
                return (payload, "a baked SVG holding \(payload.form)")
            }
            let payload = try AssertionPayload.recognize(text, maximumBytes: maximumTextBytes)
            return (payload, payload.form)
        }
    }
}
