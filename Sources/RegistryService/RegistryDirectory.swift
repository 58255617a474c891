import RegistryCore
import RegistryStore

/// Looking up and searching the registry (public): the use case behind `GET /v1/entities…` and
/// `yizhao search`.
public struct RegistryDirectory<Store: RegistryStore>: Sendable {
    /// The registry.
    public let store: Store

    /// Creates the directory.
    public init(store: Store) {
        self.store = store
    }

    /// A search request as users write it; every invalid parameter is reported at once.
    public struct Request: Sendable {
        public var text: String
        public var region: String?
        public var status: String?
        public var type: String?
        public var section: String?
        public var cursor: String?
        public var limit: Int

        /// Creates a request.
        public init(text: String, region: String? = nil, status: String? = nil, type: String? = nil,
                    section: String? = nil, cursor: String? = nil, limit: Int = 20) {
            self.text = text
            self.region = region
            self.status = status
            self.type = type
            self.section = section
            self.cursor = cursor
            self.limit = limit
        }
    }

    /// Validates and runs a search.
    public func search(_ request: Request) async throws(DirectoryError) -> (query: SearchQuery, page: SearchPage) {
        let query: SearchQuery
        do throws(SearchQueryError) {
            var problems: [SearchQueryError.Problem] = []
            var filters = SearchFilters()
            do {
                filters = try SearchFilters(region: request.region, status: request.status, type: request.type, section: request.section)
            } catch {
                problems += error.problems
            }
            do {
                query = try SearchQuery(text: request.text, filters: filters, cursor: request.cursor, limit: request.limit)
            } catch {
                throw SearchQueryError(problems: problems + error.problems)
            }
            guard problems.isEmpty else { throw SearchQueryError(problems: problems) }
        } catch {
            throw .invalidSearch(error)
        }
        do {
            return (query, try await store.search(query))
        } catch {
            throw .store(error)
        }
    }

    /// The dossier of the entity with `code` (normalised and validated first).
    public func dossier(code text: String) async throws(DirectoryError) -> EntityDossier {
        let code: CreditCode
        do {
            code = try CreditCode(validating: text)
        } catch {
            throw .invalidCode(error)
        }
        do {
            guard let dossier = try await store.dossier(code) else { throw DirectoryError.notFound(code) }
            return dossier
        } catch let error as DirectoryError {
            throw error
        } catch {
            throw .store(error as? StoreError ?? .backend(String(describing: error)))
        }
    }

    /// What the registry publishes about an entity (GSXT's page of it): the dossier, its 经营异常名录 listings (in force and
    /// ended), the registration decisions recorded on it and its 简易注销 notices, read one after another.
    public struct PublicRecord: Sendable {
        public let dossier: EntityDossier
        public let abnormalListings: [AbnormalListing]
        public let decisions: [RegistrationDecision.Record]
        public let deregistrationNotices: [DeregistrationNotice]
    }

    /// The public record of the entity `text`; `invalidCode` or `notFound` as for `dossier(code:)`.
    public func publicRecord(code text: String) async throws(DirectoryError) -> PublicRecord {
        let dossier = try await dossier(code: text)
        do {
            return PublicRecord(dossier: dossier, abnormalListings: try await store.abnormalListings(code: dossier.entity.code),
                                decisions: try await store.decisions(code: dossier.entity.code),
                                deregistrationNotices: try await store.deregistrationNotices(code: dossier.entity.code))
        } catch {
            throw .store(error)
        }
    }
}

/// Why a directory request failed.
public enum DirectoryError: Error, Sendable {
    /// The search parameters are invalid (every problem listed).
    case invalidSearch(SearchQueryError)
    /// The code is not a valid credit code (every finding listed).
    case invalidCode(InvalidCodeError)
    /// No entity has this (valid) code.
    case notFound(CreditCode)
    /// The store failed.
    case store(StoreError)
}
