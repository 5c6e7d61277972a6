public import Foundation
public import JWTKit

/// Caches platform key sets per JWKS URL and refetches when a token names an unknown `kid`
/// (key rotation).
///
/// A platform that rotates its key signs the next launch with the new key at once, so a miss
/// refetches the set right away when the cached copy is at least ``minimumRefetchInterval`` old
/// (one second by default), and otherwise, when the token says it was signed after that copy
/// was fetched, once the interval has passed. Concurrent misses share one fetch per set, and the
/// interval bounds what forged key ids can cause: about one fetch per second per platform.
public actor PlatformKeyCache {
    private struct Entry {
        var keys: [String: Insecure.RSA.PublicKey]
        var fetchedAt: Date
        /// Counts the fetches of this set, so a waiting miss sees that another fetched meanwhile.
        var generation: Int
    }

    private let fetcher: any JWKSFetching
    private let clock: any LTIClock
    private let minimumRefetchInterval: TimeInterval
    private let maximumAge: TimeInterval
    private var entries: [URL: Entry] = [:]
    private var fetching: [URL: Task<[String: Insecure.RSA.PublicKey], any Error>] = [:]

    /// Creates a cache.
    /// - Parameters:
    ///   - fetcher: Fetches key sets.
    ///   - clock: The time source.
    ///   - minimumRefetchInterval: Seconds between refetches forced by unknown key ids, so that
    ///     forged `kid`s cannot make the tool hammer the platform.
    ///   - maximumAge: Seconds after which a cached key set is fetched again anyway.
    public init(
        fetcher: any JWKSFetching,
        clock: any LTIClock = SystemLTIClock(),
        minimumRefetchInterval: TimeInterval = 1,
        maximumAge: TimeInterval = 3600
    ) {
        self.fetcher = fetcher
        self.clock = clock
        self.minimumRefetchInterval = min(max(minimumRefetchInterval, 0), 60)
        self.maximumAge = maximumAge
    }

    /// The RSA key `kid` from the key set at `jwksURL`, or `nil` when the set lacks it.
    /// - Parameters:
    ///   - kid: The key id from the token header.
    ///   - jwksURL: The platform's key set.
    ///   - refresh: Refetch the set first (after a miss), subject to the minimum interval.
    ///   - signedAt: When the token says it was issued (`iat`, not yet verified): a miss on a
    ///     token signed after the cached set was fetched waits out the interval and refetches.
    /// - Throws: ``LTIError/Code/keySetUnavailable``.
    public func key(kid: String, jwksURL: URL, refresh: Bool, signedAt: Date? = nil) async throws -> Insecure.RSA.PublicKey? {
        if let entry = entries[jwksURL], clock.now().timeIntervalSince(entry.fetchedAt) < maximumAge {
            if !refresh || entry.keys[kid] != nil { return entry.keys[kid] }
            let age = clock.now().timeIntervalSince(entry.fetchedAt)
            if age < minimumRefetchInterval {
                // Fetched moments ago: only a token signed after that fetch may name a key
                // published since; it waits for the interval, unless another miss fetched meanwhile.
                guard let signedAt, signedAt.addingTimeInterval(1) > entry.fetchedAt else { return nil }
                try? await Task.sleep(for: .seconds(minimumRefetchInterval - age))
                if let newer = entries[jwksURL], newer.generation != entry.generation { return newer.keys[kid] }
            }
        }
        return try await fetch(jwksURL)[kid]
    }

    /// Fetches the set, or joins the fetch already under way; keeps the cached keys while the
    /// platform's key endpoint is down.
    private func fetch(_ jwksURL: URL) async throws -> [String: Insecure.RSA.PublicKey] {
        let running = fetching[jwksURL]
        let task = running ?? Task { [fetcher] in try Self.rsaKeys(of: try await fetcher.fetchJWKS(from: jwksURL)) }
        if running == nil { fetching[jwksURL] = task }
        do {
            let keys = try await task.value
            if running == nil {
                fetching[jwksURL] = nil
                entries[jwksURL] = Entry(keys: keys, fetchedAt: clock.now(), generation: (entries[jwksURL]?.generation ?? 0) + 1)
            }
            return keys
        } catch {
            if running == nil { fetching[jwksURL] = nil }
            if let entry = entries[jwksURL] { return entry.keys }
            if let error = error as? LTIError { throw error }
            throw LTIError(.keySetUnavailable, "The platform's key set could not be fetched.", cause: error)
        }
    }

    private static func rsaKeys(of jwks: JWKS) throws -> [String: Insecure.RSA.PublicKey] {
        var keys: [String: Insecure.RSA.PublicKey] = [:]
        for jwk in jwks.keys where jwk.keyType == .rsa {
            guard let id = jwk.keyIdentifier?.string, let modulus = jwk.modulus, let exponent = jwk.exponent else { continue }
            if let algorithm = jwk.algorithm, algorithm != .rs256 { continue }
            // Keys that fail to load (too small, malformed) are skipped, not fatal for the others.
            if let key = try? Insecure.RSA.PublicKey(modulus: modulus, exponent: exponent) { keys[id] = key }
        }
        return keys
    }
}
