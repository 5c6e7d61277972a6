/// The page an instructor's review from the launch page ends on.
struct ReviewedPage: PageModel {
    static let template = "reviewed"

    let title: String
    /// What the grade's state is now, in one sentence.
    let outcome: String
}
