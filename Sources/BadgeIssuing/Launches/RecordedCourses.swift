import BadgeCore

/// The courses this process has written to the course directory as they are now, so that a
/// launch of an unchanged course writes nothing (launches are the hot path; a course's title
/// and service URLs rarely change). Another daemon keeps its own set; the directory's upsert
/// makes a repeated write harmless. Bounded: it starts over past ``maximumCount``.
actor RecordedCourses {
    static let maximumCount = 10_000

    private var recorded: Set<LTICourse> = []

    /// Whether `course` still has to be written; true once per distinct course description.
    func needsWrite(_ course: LTICourse) -> Bool {
        if recorded.count >= Self.maximumCount { recorded.removeAll(keepingCapacity: true) }
        return recorded.insert(course).inserted
    }

    /// Forgets `course` (its write failed), so the next launch tries again.
    func forget(_ course: LTICourse) {
        recorded.remove(course)
    }
}
