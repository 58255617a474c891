import Crypto
import RegistryCore

/// The audit log's hash chain (SPEC §5): every entry carries the previous entry's hash, and its own hash covers
/// its content and that link, so an edited, inserted, deleted or reordered entry breaks the chain. The byte
/// format is in docs/audit.md; both backends compute it here.
public enum AuditChain {
    /// The `previousHash` of the first entry: 64 zeros.
    public static let genesis = String(repeating: "0", count: 64)

    /// The bytes hashed for `entry`: sequence, time, actor, role, action, target, request id (empty when
    /// absent) and previous hash, each as a netstring (`<UTF-8 length>:<bytes>,`).
    public static func message(of entry: AuditEntry) -> [UInt8] {
        var bytes: [UInt8] = []
        for field in [String(entry.sequence), entry.at.description, entry.actor, entry.role, entry.action, entry.target,
                      entry.requestID ?? "", entry.previousHash] {
            let utf8 = Array(field.utf8)
            bytes.append(contentsOf: String(utf8.count).utf8)
            bytes.append(UInt8(ascii: ":"))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: ","))
        }
        return bytes
    }

    /// Lower-case hex SHA-256 of `message(of: entry)`.
    public static func hash(of entry: AuditEntry) -> String {
        hex(SHA256.hash(data: message(of: entry)))
    }

    /// Lower-case hex of `bytes`.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Walks an audit log in sequence order and reports the first place its chain breaks.
public struct AuditChainVerifier: Sendable {
    /// Entries checked so far.
    public private(set) var checked = 0
    /// The last entry that checked out (the chain's head so far).
    public private(set) var head: AuditChainHead?

    /// A verifier for a log that starts at its first entry.
    public init() {}

    /// Checks the next entry; the first break found, or nil.
    public mutating func check(_ entry: AuditEntry) -> AuditChainBreak? {
        let expectedSequence = (head?.sequence ?? 0) + 1
        if entry.sequence != expectedSequence {
            return entry.sequence > expectedSequence
                ? .missing(from: expectedSequence, to: entry.sequence - 1)
                : .outOfOrder(sequence: entry.sequence, after: expectedSequence - 1)
        }
        let expectedPrevious = head?.hash ?? AuditChain.genesis
        guard entry.previousHash == expectedPrevious else { return .unlinked(sequence: entry.sequence) }
        guard AuditChain.hash(of: entry) == entry.hash else { return .edited(sequence: entry.sequence) }
        checked += 1
        head = AuditChainHead(sequence: entry.sequence, hash: entry.hash)
        return nil
    }
}

/// The last entry of an audit chain: its sequence number and hash.
public struct AuditChainHead: Sendable, Hashable, Codable {
    /// Sequence number.
    public var sequence: Int64
    /// Its hash.
    public var hash: String

    /// Creates a head.
    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}

/// Where and how an audit chain breaks.
public enum AuditChainBreak: Sendable, Hashable, Error, CustomStringConvertible {
    /// Entries `from...to` are missing (deleted).
    case missing(from: Int64, to: Int64)
    /// An entry appears out of sequence order (inserted or renumbered).
    case outOfOrder(sequence: Int64, after: Int64)
    /// The entry's previous hash is not the hash of the entry before it (an entry before it was inserted,
    /// deleted or re-hashed).
    case unlinked(sequence: Int64)
    /// The entry's content does not hash to its stored hash (edited, or inserted with a made-up hash).
    case edited(sequence: Int64)
    /// The log ends before an entry a trusted record (a signed snapshot manifest) says it had, or holds
    /// another entry there.
    case headMismatch(expected: AuditChainHead, found: AuditChainHead?)

    /// The first sequence number involved.
    public var sequence: Int64 {
        switch self {
        case .missing(let from, _): from
        case .outOfOrder(let sequence, _), .unlinked(let sequence), .edited(let sequence): sequence
        case .headMismatch(let expected, _): expected.sequence
        }
    }

    public var description: String {
        switch self {
        case .missing(let from, let to):
            from == to ? "entry \(from) is missing (deleted)" : "entries \(from)–\(to) are missing (deleted)"
        case .outOfOrder(let sequence, let after):
            "entry \(sequence) follows entry \(after) out of order (inserted or renumbered)"
        case .unlinked(let sequence):
            "entry \(sequence) does not link to the entry before it (its previous hash differs: an entry was inserted, deleted or re-hashed)"
        case .edited(let sequence):
            "entry \(sequence) was edited: its content does not hash to its stored hash"
        case .headMismatch(let expected, let found):
            if let found, found.sequence == expected.sequence {
                "entry \(expected.sequence) has hash \(found.hash), not the trusted \(expected.hash)"
            } else {
                "the log ends at entry \(found?.sequence ?? 0), before the trusted head \(expected.sequence) (entries were deleted from its end)"
            }
        }
    }
}
