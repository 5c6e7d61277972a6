import Foundation
import LTI
import LTITesting
import Testing

@Suite("Service endpoint rules")
struct ServiceEndpointTests {
    @Test func moodleLineItemQueryStaysAfterTheAppendedSegment() throws {
        let url = URL(string: "https://moodle.example.edu/mod/lti/services.php/2/lineitems/5/lineitem?type_id=3")!
        #expect(
            try ServiceEndpoint.lineItem(url, appending: "scores").absoluteString
                == "https://moodle.example.edu/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=3"
        )
        #expect(
            try ServiceEndpoint.lineItem(url, appending: "results").absoluteString
                == "https://moodle.example.edu/mod/lti/services.php/2/lineitems/5/lineitem/results?type_id=3"
        )
    }

    @Test func plainLineItemURLGetsTheSegmentAppended() throws {
        let url = URL(string: "https://canvas.example/api/lti/courses/7/line_items/5/")!
        #expect(
            try ServiceEndpoint.lineItem(url, appending: "scores").absoluteString == "https://canvas.example/api/lti/courses/7/line_items/5/scores"
        )
    }

    @Test func backoffDoublesUpToTheCap() {
        let policy = RetryPolicy(maximumAttempts: 6, baseDelay: .milliseconds(250), maximumDelay: .seconds(1))
        #expect((1...5).map(policy.delay(beforeRetry:)) == [.milliseconds(250), .milliseconds(500), .seconds(1), .seconds(1), .seconds(1)])
    }
}
