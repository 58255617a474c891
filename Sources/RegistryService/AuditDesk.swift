import RegistryCore
import RegistryStore

/// The auditors' reads of the audit log and the change feed, and the audit chain's verification (SPEC §5).
public struct AuditDesk<Store: RegistryStore>: Sendable {
    /// The registry.
    public let store: Store

    /// Creates the desk.
    public init(store: Store) { self.store = store }

    /// Audit entries after `sequence`, in order.
    public func entries(after sequence: Int64, limit: Int) async throws(StoreError) -> [AuditEntry] {
        try await store.auditEntries(after: sequence, limit: min(max(limit, 1), AuditJSON.pageLimit))
    }

    /// Committed changes after `sequence`, in order.
    public func changes(after sequence: Int64, limit: Int) async throws(StoreError) -> [ChangeRecord] {
        try await store.changes(after: sequence, limit: min(max(limit, 1), AuditJSON.pageLimit))
    }

    /// The outcome of walking the whole audit chain.
    public struct ChainReport: Sendable {
        /// Entries that checked out before the first break (all of them when intact).
        public var checked: Int
        /// The last entry that checked out.
        public var head: AuditChainHead?
        /// The first break, nil when the chain is intact.
        public var firstBreak: AuditChainBreak?
    }

    /// Walks the audit log from its first entry, in pages, and reports the first break. With `trustedHead` (from a
    /// signed snapshot manifest) the log must still hold that entry with that hash: this catches entries deleted
    /// from the end, which a chain alone cannot show.
    public func verifyChain(trustedHead: AuditChainHead? = nil) async throws(StoreError) -> ChainReport {
        var verifier = AuditChainVerifier()
        var after: Int64 = 0
        var atTrusted: AuditChainHead?
        while true {
            let page = try await store.auditEntries(after: after, limit: 10_000)
            for entry in page {
                if let failure = verifier.check(entry) {
                    return ChainReport(checked: verifier.checked, head: verifier.head, firstBreak: failure)
                }
                if entry.sequence == trustedHead?.sequence { atTrusted = AuditChainHead(sequence: entry.sequence, hash: entry.hash) }
            }
            guard let last = page.last, page.count == 10_000 else { break }
            after = last.sequence
        }
        if let trustedHead, atTrusted != trustedHead {
            return ChainReport(checked: verifier.checked, head: verifier.head,
                               firstBreak: .headMismatch(expected: trustedHead, found: atTrusted ?? verifier.head))
        }
        return ChainReport(checked: verifier.checked, head: verifier.head, firstBreak: nil)
    }
}
