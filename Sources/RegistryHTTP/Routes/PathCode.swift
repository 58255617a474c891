import Hummingbird
import RegistryCore

/// The `{code}` path segment of the entity routes, as a valid code or a 400.
enum PathCode {
    static func parse(_ context: YizhaoRequestContext) throws -> CreditCode {
        let text = context.parameters.get("code") ?? ""
        do { return try CreditCode(validating: text) } catch {
            throw Problem.invalidParameter("code", "“\(text.prefix(40))” is not a valid unified social credit code.")
        }
    }
}
