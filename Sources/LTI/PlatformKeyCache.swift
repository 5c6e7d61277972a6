public import Foundation
public import JWTKit

/// Caches platform key sets per JWKS URL and refetches when a launch names an unknown `kid`
/// (key rotation), at most once per ``minimumRefetchInterval``.
public actor PlatformKeyCache {
    private struct Entry {
        var keys: [String: Insecure.RSA.PublicKey]
        var fetchedAt: Date
    }

    private let fetcher: any JWKSFetching
    private let clock: any LTIClock
    private let minimumRefetchInterval: TimeInterval
    private let maximumAge: TimeInterval
    private var entries: [URL: Entry] = [:]

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
        minimumRefetchInterval: TimeInterval = 10,
        maximumAge: TimeInterval = 3600
    ) {
        self.fetcher = fetcher
        self.clock = clock
        self.minimumRefetchInterval = minimumRefetchInterval
        self.maximumAge = maximumAge
    }

    /// The RSA key `kid` from the key set at `jwksURL`, or `nil` when the set lacks it.
    /// - Parameters:
    ///   - kid: The key id from the token header.
    ///   - jwksURL: The platform's key set.
    ///   - refresh: Refetch the set first (after a miss), subject to the minimum interval.
    /// - Throws: ``LTIError/Code/keySetUnavailable``.
    public func key(kid: String, jwksURL: URL, refresh: Bool) async throws -> Insecure.RSA.PublicKey? {
        let now = clock.now()
        if let entry = entries[jwksURL] {
            let age = now.timeIntervalSince(entry.fetchedAt)
            let stale = age >= maximumAge || (refresh && age >= minimumRefetchInterval)
            if !stale { return entry.keys[kid] }
        }
        let jwks: JWKS
        do {
            jwks = try await fetcher.fetchJWKS(from: jwksURL)
        } catch {
            // While the platform's key endpoint is down, keep trusting the keys we already have.
            if let entry = entries[jwksURL] { return entry.keys[kid] }
            if let error = error as? LTIError { throw error }
            throw LTIError(.keySetUnavailable, "The platform's key set could not be fetched.", cause: error)
        }
        var keys: [String: Insecure.RSA.PublicKey] = [:]
        for jwk in jwks.keys where jwk.keyType == .rsa {
            guard let id = jwk.keyIdentifier?.string, let modulus = jwk.modulus, let exponent = jwk.exponent else { continue }
            if let algorithm = jwk.algorithm, algorithm != .rs256 { continue }
            // Keys that fail to load (too small, malformed) are skipped, not fatal for the others.
            if let key = try? Insecure.RSA.PublicKey(modulus: modulus, exponent: exponent) { keys[id] = key }
        }
        entries[jwksURL] = Entry(keys: keys, fetchedAt: now)
        return keys[kid]
    }
}
