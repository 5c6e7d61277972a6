#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CPU time (user plus system) used so far, read with `getrusage`: benchmarks report work per
/// item in CPU time besides wall time, since on a shared machine the CPU a run costs drifts far
/// less than its wall clock.
struct CPUTime: Sendable {
    /// User plus system time in seconds.
    let seconds: Double

    /// The whole process's CPU time.
    static func process() -> CPUTime {
        #if os(Linux)
        read(RUSAGE_SELF.rawValue)
        #else
        read(RUSAGE_SELF)
        #endif
    }

    /// Seconds from `earlier` to this reading.
    func since(_ earlier: CPUTime) -> Double {
        seconds - earlier.seconds
    }

    private static func read(_ who: Int32) -> CPUTime {
        var usage = rusage()
        #if os(Linux)
        let status = getrusage(__rusage_who_t(who), &usage)
        #else
        let status = getrusage(who, &usage)
        #endif
        guard status == 0 else { return CPUTime(seconds: 0) }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return CPUTime(seconds: seconds(usage.ru_utime) + seconds(usage.ru_stime))
    }
}
