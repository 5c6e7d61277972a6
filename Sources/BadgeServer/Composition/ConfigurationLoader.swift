public import Configuration
public import Foundation
import SystemPackage

/// Assembles badged's configuration providers, highest precedence first:
/// command-line flags (`--http-port 9000`), environment variables with the `BADGED_` prefix
/// (`BADGED_HTTP_PORT=9000`, `BADGED_DB_URL=…`), the JSON file (`Config/badged.json` unless
/// `BADGED_CONFIG_FILE` names another; a missing file is fine), then the built-in defaults of
/// ``AppConfiguration``.
public enum ConfigurationLoader {
    /// Every configuration key badged reads; `Config/README.md` documents each one.
    public static let keys = [
        "http.host", "http.port", "http.max_body_size", "public.base_url", "db.url", "log.level", "signing.key_encryption_key", "signing.mode",
        "lti.recipient_identity", "mail.relay", "mail.from", "mail.tls", "mail.username", "mail.password", "mail.timeout",
    ]

    /// Rewrites flags in the all-dashes form (`--public-base-url`) to the form the command-line
    /// provider derives from the key (`--public-base_url`), so that both spellings work.
    static func normalizedFlags(_ arguments: [String]) -> [String] {
        var spellings: [String: String] = [:]
        for key in keys {
            let provider = "--" + key.replacingOccurrences(of: ".", with: "-")
            spellings[provider.replacingOccurrences(of: "_", with: "-")] = provider
        }
        return arguments.map { argument in
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard let flag = parts.first, let canonical = spellings[flag] else { return argument }
            return parts.count == 2 ? "\(canonical)=\(parts[1])" : canonical
        }
    }

    /// The keys whose values are secrets: never logged or printed.
    public static func isSecret(_ key: String) -> Bool {
        let normalized = key.lowercased().replacingOccurrences(of: "_", with: ".").replacingOccurrences(of: "-", with: ".")
        return normalized.hasPrefix("db.url") || normalized.contains("secret") || normalized.contains("encryption.key")
            || normalized.contains("password")
    }

    /// Builds the reader.
    /// - Parameters:
    ///   - arguments: configuration flags (program name first, as in `CommandLine.arguments`).
    ///   - environment: the process environment.
    /// - Throws: if the configuration file exists but is not valid JSON.
    public static func reader(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> ConfigReader {
        let prefixed = environment.reduce(into: [String: String]()) { result, entry in
            guard entry.key.hasPrefix("BADGED_"), entry.key != "BADGED_CONFIG_FILE" else { return }
            result[String(entry.key.dropFirst("BADGED_".count))] = entry.value
        }
        let filePath = environment["BADGED_CONFIG_FILE"] ?? "Config/badged.json"
        let file = try await FileProvider<JSONSnapshot>(filePath: FilePath(filePath), allowMissing: true)
        return ConfigReader(providers: [
            CommandLineArgumentsProvider(arguments: normalizedFlags(arguments), secretsSpecifier: .dynamic { key, _ in isSecret(key) }),
            EnvironmentVariablesProvider(environmentVariables: prefixed, secretsSpecifier: .dynamic { key, _ in isSecret(key) }),
            file,
        ])
    }
}
