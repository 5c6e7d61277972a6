public import Foundation
import Hummingbird
import LTI

extension TestPlatform {
    /// The name of the Canvas flavour's storage frame, sent as `lti_storage_target`.
    public static let storageFrameName = "post_message_forwarding"

    /// The Canvas course page that frames the tool: it loads the storage frame, then form-posts
    /// the login initiation for `scenario` into the `tool` frame, as Canvas does. It notes every
    /// document the tool frame loads in the storage log (`tool-load 1`, …), and in `#outcome` one
    /// loaded after the storage frame answered `lti.get_data`; an image that waits for the
    /// `loads`-th document holds the page's load event, so a headless browser dumping the page
    /// has seen the whole launch.
    ///
    /// With `rogue` (the base URL of another test platform, another origin), the page also holds
    /// a frame from there that the storage frame shows every message it gets, and that answers the
    /// tool first, with a forged value; the storage frame then answers half a second late.
    public func coursePageURL(
        for scenario: LaunchScenario,
        loginURL: String,
        targetLinkURI: String,
        loads: Int,
        rogue: String? = nil
    ) async -> String {
        let parameters = await loginParameters(for: scenario, targetLinkURI: targetLinkURI)
        var components = URLComponents(string: baseURL + "/courses/7/tool")!  // built from a valid base
        components.queryItems =
            [URLQueryItem(name: "login_url", value: loginURL), URLQueryItem(name: "loads", value: String(loads))]
            + (rogue.map { [URLQueryItem(name: "rogue", value: $0)] } ?? [])
            + parameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return components.url!.absoluteString  // from valid parts
    }
}

extension TestPlatformRoutes {
    /// The storage frame (LTI Platform Storage: `lti.capabilities`, `lti.put_data`,
    /// `lti.get_data`, keyed by the sender's origin, answered to the sender's origin), the course
    /// page that frames the tool, and the log both write to.
    static func registerStorage(on router: Router<BasicRequestContext>, state: TestPlatformState) {
        router.get("/storage-frame") { _, _ in html(storageFrame) }
        router.get("/rogue-frame") { _, _ in html(rogueFrame) }
        router.post("/storage-log") { request, _ in
            let body = try await request.body.collect(upTo: 1 << 12)
            await state.recordStorage(String(buffer: body))
            return Response(status: .noContent)
        }
        router.get("/storage-wait") { request, _ in
            // Holds the course page's load event until the tool frame loaded `loads` documents, or
            // one after lti.get_data was answered (or a minute passed): a browser dumping the
            // page then has seen the whole launch.
            let loads = Int(request.uri.queryParameters["loads"].map(String.init) ?? "") ?? 4
            for _ in 0..<600 {
                let log = await state.storageLog
                if log.contains("tool-load \(loads)") || log.contains("tool-loaded-after-get") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            return Response(status: .ok, headers: [.contentType: "image/gif"], body: .init(byteBuffer: ByteBuffer(bytes: gif)))
        }
        router.get("/courses/7/tool") { request, _ in
            var fields: [(String, String)] = []
            var loginURL = ""
            var loads = "4"
            var rogue = ""
            for (name, value) in request.uri.queryParameters {
                switch name {
                case "login_url": loginURL = String(value)
                case "loads": loads = String(value)
                case "rogue":
                    rogue = "<iframe name=\"rogue\" src=\"\(TestPlatform.escape(String(value)))/rogue-frame\" width=\"0\" height=\"0\"></iframe>"
                default: fields.append((String(name), String(value)))
                }
            }
            let inputs = fields.map { "<input type=\"hidden\" name=\"\(TestPlatform.escape($0.0))\" value=\"\(TestPlatform.escape($0.1))\">" }
            return html(
                """
                <!doctype html><html><body><h1>Biology 101</h1><p id="outcome">waiting</p>
                <form method="post" action="\(TestPlatform.escape(loginURL))" target="tool">\(inputs.joined())</form>
                <iframe name="tool" width="800" height="600"></iframe>\(rogue)
                <iframe name="\(TestPlatform.storageFrameName)" src="/storage-frame" width="0" height="0"></iframe>
                <img src="/storage-wait?loads=\(TestPlatform.escape(loads))" alt="">
                <script>\(coursePageScript)</script></body></html>
                """
            )
        }
    }

    private static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A 1×1 transparent GIF.
    private static let gif: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x21, 0xF9, 4, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0,
        1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B,
    ]

    private static let coursePageScript = """
        var answeredGet = false;
        function note(text) { navigator.sendBeacon("/storage-log", text); }
        window.storageAnswered = function (subject) { if (subject === "lti.get_data.response") { answeredGet = true; } };
        var loads = 0;
        document.getElementsByName("tool")[0].addEventListener("load", function () {
          loads += 1;
          note("tool-load " + loads);
          if (answeredGet) { document.getElementById("outcome").textContent = "tool loaded after get_data"; note("tool-loaded-after-get"); }
        });
        document.getElementsByName("\(TestPlatform.storageFrameName)")[0].addEventListener("load", function () { document.forms[0].submit(); });
        """

    /// Answers what the storage frame shows it, first and with a forged value, from its own origin.
    private static let rogueFrame = """
        <!doctype html><html><body><script>
        window.addEventListener("message", function (event) {
          var seen = event.data && event.data.seen;
          if (!seen || typeof seen.subject !== "string") { return; }
          var forged = { subject: seen.subject + ".response", message_id: seen.message_id, key: seen.key, value: "forged-by-another-origin" };
          window.parent.frames["tool"].postMessage(forged, "*");
          navigator.sendBeacon("/storage-log", "rogue answered " + seen.subject);
        });
        </script></body></html>
        """

    private static let storageFrame = """
        <!doctype html><html><body><script>
        var store = {};
        function note(text) { navigator.sendBeacon("/storage-log", text); }
        window.addEventListener("message", function (event) {
          var message = event.data;
          if (!message || typeof message !== "object" || typeof message.subject !== "string") { return; }
          var answer = { subject: message.subject + ".response", message_id: message.message_id };
          if (message.subject === "lti.capabilities") {
            answer.supported_messages = [
              { subject: "lti.capabilities" },
              { subject: "lti.put_data", frame: "\(TestPlatform.storageFrameName)" },
              { subject: "lti.get_data", frame: "\(TestPlatform.storageFrameName)" }
            ];
          } else if (message.subject === "lti.put_data" && typeof message.key === "string" && typeof message.value === "string") {
            store[event.origin + " " + message.key] = message.value;
            answer.key = message.key; answer.value = message.value;
          } else if (message.subject === "lti.get_data" && typeof message.key === "string") {
            answer.key = message.key;
            var value = store[event.origin + " " + message.key];
            if (value === undefined) { answer.error = { code: "bad_request", message: "no such key" }; } else { answer.value = value; }
          } else {
            answer.error = { code: "unsupported_subject", message: "unsupported" };
          }
          note(message.subject + " " + event.origin + " " + (message.key || ""));
          var rogue = null;
          try { rogue = window.parent.frames["rogue"] || null; } catch (error) { rogue = null; }
          if (rogue) { rogue.postMessage({ seen: message }, "*"); }
          var source = event.source, origin = event.origin;
          setTimeout(function () {
            source.postMessage(answer, origin);
            if (window.parent.storageAnswered) { window.parent.storageAnswered(answer.subject); }
          }, rogue ? 500 : 0);
        });
        </script></body></html>
        """
}
