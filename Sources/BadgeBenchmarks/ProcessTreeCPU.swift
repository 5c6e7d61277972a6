import Foundation

/// The CPU time of a process and all its descendants, read from `/proc` as an operator's tools
/// would: a tool server that forks workers (gunicorn's master and its worker) is measured whole.
struct ProcessTreeCPU {
    /// The root of the tree.
    let pid: Int32

    /// User plus system time so far, in seconds, of the process and every live descendant, each
    /// with the time of its children it has already waited for (so a worker that exited between
    /// two readings still counts once, in its parent's figure).
    func seconds() throws -> Double {
        let stats = Self.allStats()
        guard let root = stats[pid] else { throw BenchmarkError(.unexpectedResult, "process \(pid) is gone") }
        let ticks = Self.descendants(of: pid, in: stats).reduce(root.ticks) { $0 + (stats[$1]?.ticks ?? 0) }
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// The live descendants of the process (children, their children, …).
    func descendants() -> [Int32] {
        Self.descendants(of: pid, in: Self.allStats())
    }

    private static func descendants(of pid: Int32, in stats: [Int32: (parent: Int32, ticks: Double)]) -> [Int32] {
        var found: [Int32] = []
        var frontier = [pid]
        while let parent = frontier.popLast() {
            for (child, stat) in stats where stat.parent == parent && child != pid && !found.contains(child) {
                found.append(child)
                frontier.append(child)
            }
        }
        return found
    }

    /// Parent and CPU ticks (utime, stime, cutime, cstime) of every process in `/proc`.
    private static func allStats() -> [Int32: (parent: Int32, ticks: Double)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var stats: [Int32: (parent: Int32, ticks: Double)] = [:]
        for entry in entries {
            guard let pid = Int32(entry), let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { continue }
            // The command name is in parentheses and may hold spaces; after it come the state
            // (field 3), the parent (4), … utime, stime, cutime and cstime (14 to 17), in ticks.
            guard let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 14, let parent = Int32(fields[1]) else { continue }
            let ticks = fields[11...14].compactMap { Double($0) }.reduce(0, +)
            stats[pid] = (parent, ticks)
        }
        return stats
    }
}
