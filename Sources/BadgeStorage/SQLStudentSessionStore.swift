public import BadgeCore
public import Foundation
import SQLKit

/// Student sessions and their one-time entry tokens in SQL, by the digest of their secrets.
public struct SQLStudentSessionStore: StudentSessionStore {
    private let database: BadgeDatabase

    /// Creates a store on a migrated database.
    public init(database: BadgeDatabase) {
        self.database = database
    }

    public func createAccessLink(_ token: StudentEntryToken, linkID: UUID, institutionID: UUID?, actor: String) async throws {
        try await database.transaction { [audit = database.auditLog] db in
            try await Self.insert(token, in: db)
            try await audit.append(
                action: StudentEntryToken.accessLinkAuditAction,
                entityKind: "student_access_link",
                id: linkID,
                institutionID: institutionID,
                actor: actor,
                detail: StudentEntryToken.accessLinkAuditDetail(expiresAt: token.expiresAt),
                in: db
            )
        }
    }

    public func createReviewLink(_ token: StudentEntryToken, scope: ClaimReviewScope, actor: String) async throws {
        try await database.transaction { [audit = database.auditLog] db in
            try await Self.insert(token, in: db)
            try await audit.append(
                action: ClaimReviewScope.issueAuditAction,
                entityKind: "claim_review_link",
                id: scope.linkID,
                institutionID: scope.institutionID,
                actor: actor,
                detail: scope.auditDetail(expiresAt: token.expiresAt),
                in: db
            )
        }
    }

    private static func insert(_ token: StudentEntryToken, in db: any SQLDatabase) async throws {
        try await db.insert(into: "student_entry_tokens")
            .columns("token_hash", "purpose", "recipient_key", "sealed_recipient", "created_at", "expires_at", "used_at")
            .values(
                SQLBind(token.tokenHash),
                SQLBind(token.purpose.rawValue),
                SQLBind(token.recipientKey),
                SQLBind(token.sealedRecipient),
                SQLBind(token.createdAt.unixSeconds),
                SQLBind(token.expiresAt.unixSeconds),
                SQLBind(Int64?.none)
            )
            .run()
    }

    public func consumeEntry(tokenHash: String, purpose: StudentEntryToken.Purpose, at now: Date) async throws -> StudentEntryToken? {
        try await database.transaction { db in
            guard
                let row = try await db.select().columns("recipient_key", "sealed_recipient", "created_at", "expires_at")
                    .from("student_entry_tokens")
                    .where("token_hash", .equal, tokenHash).where("purpose", .equal, purpose.rawValue)
                    .where("used_at", .is, SQLLiteral.null).where("expires_at", .greaterThan, now.unixSeconds)
                    .for(.update).first()
            else { return nil }
            // The update's condition repeats the unused check, so that of two concurrent uses on
            // SQLite (which has no row locks) only one changes the row.
            let spent = try await db.update("student_entry_tokens").set("used_at", to: SQLBind(now.unixSeconds))
                .where("token_hash", .equal, tokenHash).where("used_at", .is, SQLLiteral.null)
                .returning("token_hash").all()
            guard !spent.isEmpty else { return nil }
            return StudentEntryToken(
                tokenHash: tokenHash,
                purpose: purpose,
                recipientKey: try row.decode(column: "recipient_key", as: String.self),
                sealedRecipient: try row.decode(column: "sealed_recipient", as: String.self),
                createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
                expiresAt: Date(unixSeconds: try row.decode(column: "expires_at", as: Int64.self))
            )
        }
    }

    public func createSession(_ session: StudentSession) async throws {
        try await database.transaction { db in
            let now = session.createdAt.unixSeconds
            try await db.delete(from: "student_sessions").where("expires_at", .lessThanOrEqual, now).run()
            try await db.delete(from: "student_entry_tokens").where("expires_at", .lessThanOrEqual, now).run()
            try await db.insert(into: "student_sessions")
                .columns("token_hash", "recipient_key", "sealed_recipient", "form_token", "created_at", "last_seen_at", "expires_at")
                .values(
                    SQLBind(session.tokenHash),
                    SQLBind(session.recipientKey),
                    SQLBind(session.sealedRecipient),
                    SQLBind(session.formToken),
                    SQLBind(now),
                    SQLBind(session.lastSeenAt.unixSeconds),
                    SQLBind(session.expiresAt.unixSeconds)
                )
                .run()
        }
    }

    public func session(tokenHash: String, at now: Date, idleLimit: TimeInterval) async throws -> StudentSession? {
        try await database.session { db in
            guard
                let row = try await db.select()
                    .columns("recipient_key", "sealed_recipient", "form_token", "created_at", "last_seen_at", "expires_at")
                    .from("student_sessions").where("token_hash", .equal, tokenHash).first()
            else { return nil }
            var session = StudentSession(
                tokenHash: tokenHash,
                recipientKey: try row.decode(column: "recipient_key", as: String.self),
                sealedRecipient: try row.decode(column: "sealed_recipient", as: String.self),
                formToken: try row.decode(column: "form_token", as: String.self),
                createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
                lastSeenAt: Date(unixSeconds: try row.decode(column: "last_seen_at", as: Int64.self)),
                expiresAt: Date(unixSeconds: try row.decode(column: "expires_at", as: Int64.self))
            )
            guard now < session.expiresAt, now.timeIntervalSince(session.lastSeenAt) < idleLimit else {
                try await db.delete(from: "student_sessions").where("token_hash", .equal, tokenHash).run()
                return nil
            }
            if now > session.lastSeenAt {
                try await db.update("student_sessions").set("last_seen_at", to: SQLBind(now.unixSeconds))
                    .where("token_hash", .equal, tokenHash).run()
                session.lastSeenAt = now
            }
            return session
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await database.session { db in
            try await db.delete(from: "student_sessions").where("token_hash", .equal, tokenHash).run()
        }
    }

    public func createSignIn(_ state: StudentSignInState) async throws {
        try await database.transaction { db in
            try await db.delete(from: "student_sign_ins").where("expires_at", .lessThanOrEqual, state.createdAt.unixSeconds).run()
            try await db.insert(into: "student_sign_ins")
                .columns("state_hash", "provider", "browser_hash", "nonce", "code_verifier", "created_at", "expires_at")
                .values(
                    SQLBind(state.stateHash),
                    SQLBind(state.provider),
                    SQLBind(state.browserHash),
                    SQLBind(state.nonce),
                    SQLBind(state.codeVerifier),
                    SQLBind(state.createdAt.unixSeconds),
                    SQLBind(state.expiresAt.unixSeconds)
                )
                .run()
        }
    }

    public func takeSignIn(stateHash: String, at now: Date) async throws -> StudentSignInState? {
        try await database.transaction { db in
            let rows = try await db.delete(from: "student_sign_ins").where("state_hash", .equal, stateHash)
                .returning("provider", "browser_hash", "nonce", "code_verifier", "created_at", "expires_at").all()
            guard let row = rows.first else { return nil }
            let state = StudentSignInState(
                stateHash: stateHash,
                provider: try row.decode(column: "provider", as: String.self),
                browserHash: try row.decode(column: "browser_hash", as: String.self),
                nonce: try row.decode(column: "nonce", as: String.self),
                codeVerifier: try row.decode(column: "code_verifier", as: String.self),
                createdAt: Date(unixSeconds: try row.decode(column: "created_at", as: Int64.self)),
                expiresAt: Date(unixSeconds: try row.decode(column: "expires_at", as: Int64.self))
            )
            return now < state.expiresAt ? state : nil
        }
    }

    public func forget(recipientKey: String) async throws -> Int {
        try await database.transaction { db in
            let sessions = try await db.delete(from: "student_sessions").where("recipient_key", .equal, recipientKey).returning("token_hash").all()
            let tokens = try await db.delete(from: "student_entry_tokens").where("recipient_key", .equal, recipientKey).returning("token_hash").all()
            return sessions.count + tokens.count
        }
    }
}
