import RegistryCore
import Synchronization

/// Decoded application forms by number, version and submission instant. A committed version's form never
/// changes, so the cache needs no invalidation; the instant keeps a version that was written and rolled back
/// (a failed group) apart from the one written later under the same number. It only saves the JSON decoding
/// on the hot review path. Bounded: cleared when full.
public final class FormCache: Sendable {
    private let forms = Mutex<[String: ApplicationRequest]>([:])
    private let capacity: Int

    /// A cache of at most `capacity` forms.
    public init(capacity: Int = 16_384) { self.capacity = capacity }

    /// The form of `number` at `version`, decoding (and keeping) it with `decode` when not cached.
    public func form(number: String, version: Int, submittedAt: String, decode: () throws -> ApplicationRequest) rethrows -> ApplicationRequest {
        let key = "\(number)#\(version)#\(submittedAt)"
        if let form = forms.withLock({ $0[key] }) { return form }
        let form = try decode()
        forms.withLock { forms in
            if forms.count >= capacity { forms.removeAll(keepingCapacity: true) }
            forms[key] = form
        }
        return form
    }
}
