import Foundation
import RegistryCore

/// The items of an electronic business license (SPEC §4; `domain/process.md` §8), as signed.
public struct LicenseItems: Codable, Sendable, Hashable {
    /// 名称 (the code while a name-correction order is open).
    public let name: String
    /// 统一社会信用代码.
    public let code: String
    /// 类型.
    public let type: String
    /// 法定代表人 (执行事务合伙人, 投资人, 经营者).
    public let legalRepresentative: String
    /// 注册资本 / 出资额 in yuan; nil where none is registered.
    public let registeredCapitalYuan: Int64?
    /// 住所 / 经营场所.
    public let domicile: String
    /// 经营范围.
    public let businessScope: String
    /// 登记机关.
    public let authority: String
    /// 成立日期.
    public let establishedOn: String
    /// The license version (a new one when a license item changes).
    public let version: Int
    /// The version's issue date.
    public let issuedOn: String

    /// The items of `license` for `entity`.
    public init(entity: MarketEntity, license: BusinessLicense) {
        name = entity.nameShownAsCode ? entity.code.rawValue : license.name
        code = entity.code.rawValue
        type = license.type.chineseName
        legalRepresentative = license.legalRepresentative
        registeredCapitalYuan = license.registeredCapitalYuan
        domicile = license.domicile
        businessScope = license.businessScope
        authority = LicenseItems.authorityName(license.authority)
        establishedOn = license.establishedOn.description
        version = license.version
        issuedOn = license.issuedOn.description
    }

    /// 登记机关's name: the region's market supervision bureau (长沙市岳麓区市场监督管理局).
    public static func authorityName(_ authority: RegionCode, regions: RegionTable = .standard) -> String {
        func name(_ code: Int) -> String? { regions.current(code).flatMap { $0.isGrouping ? nil : $0.name } ?? regions.name(of: code) }
        let own = name(authority.value) ?? authority.description
        let prefix = authority.value == authority.province || authority.value == authority.prefecture ? "" : name(authority.prefecture) ?? ""
        return prefix + own + "市场监督管理局"
    }

    /// The signed bytes: this JSON with sorted keys, no insignificant whitespace, UTF-8, `/` not escaped.
    public func canonicalBytes() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A signed electronic license: the items, the exact signed bytes, the Ed25519 signature and the registry's key.
public struct SignedLicense: Codable, Sendable, Hashable {
    /// `Ed25519`.
    public let algorithm: String
    /// The license items (for reading; the signature covers `payload`).
    public let license: LicenseItems
    /// Base64 of the signed bytes (`LicenseItems.canonicalBytes`).
    public let payload: String
    /// Base64 of the 64-byte signature.
    public let signature: String
    /// Base64 of the registry's 32-byte public key.
    public let publicKey: String

    /// Signs `items` with `signer`.
    public init(items: LicenseItems, signer: LicenseSigner) throws {
        let bytes = try items.canonicalBytes()
        algorithm = "Ed25519"
        license = items
        payload = bytes.base64EncodedString()
        signature = try signer.sign(bytes)
        publicKey = signer.publicKeyBase64
    }
}

/// The result of verifying a signed license.
public struct LicenseVerification: Codable, Sendable, Hashable {
    /// Every check holds.
    public let valid: Bool
    /// The signature is valid for the payload under the document's key.
    public let signatureValid: Bool
    /// The document's key is the trusted key (the registry's, or one given); nil when no trusted key was known.
    public let issuedByRegistry: Bool?
    /// The readable items equal the signed payload.
    public let itemsMatchPayload: Bool
    /// Whether this version is the entity's current license, when the registry was consulted; nil offline.
    public let current: Bool?
    /// The entity's status in the registry (`存续`…) when it was consulted and has the entity; nil otherwise.
    public let entityStatus: String?
    /// Whether the license is in force (`EntityStatus.licenseInForce`) when the registry was consulted and has the
    /// entity; nil otherwise. A license of a 吊销, 注销, 撤销 or 迁出 entity is not valid.
    public let inForce: Bool?
    /// What failed, one line each.
    public let problems: [String]

    /// Verifies `document`; `trustedKey` is the registry's public key when known; `currentItems` the entity's
    /// current license items and `status` its status and the day it took it, when the registry was consulted (nil
    /// if unknown or offline).
    public init(_ document: SignedLicense, trustedKey: String?, currentItems: LicenseItems?, consulted: Bool,
                status: (EntityStatus, since: CalendarDate?)? = nil) {
        var problems: [String] = []
        let payload = Data(base64Encoded: document.payload)
        let signatureValid = document.algorithm == "Ed25519" && payload.map {
            LicenseSigner.verify($0, signature: document.signature, publicKey: document.publicKey)
        } == true
        if !signatureValid { problems.append("the signature does not match the payload (altered, or not an Ed25519 signature)") }
        let decoded = payload.flatMap { try? JSONDecoder().decode(LicenseItems.self, from: $0) }
        let itemsMatch = decoded == document.license
        if !itemsMatch { problems.append("the readable license items differ from the signed payload") }
        var issued: Bool?
        if let trustedKey {
            issued = trustedKey == document.publicKey
            if issued == false { problems.append("the document is signed with a key that is not the registry's") }
        }
        var current: Bool?
        if consulted {
            current = currentItems != nil && currentItems == decoded
            if current == false {
                problems.append(currentItems == nil ? "the registry has no entity with this code" : "this is not the entity's current license (superseded or changed)")
            }
        }
        if consulted, let (status, since) = status, !status.licenseInForce {
            problems.append("the license is not in force: the entity is \(status.described(since: since))")
        }
        self.entityStatus = consulted ? status?.0.display : nil
        self.inForce = consulted ? status.map(\.0.licenseInForce) : nil
        self.signatureValid = signatureValid
        self.issuedByRegistry = issued
        self.itemsMatchPayload = itemsMatch
        self.current = current
        self.problems = problems
        self.valid = problems.isEmpty
    }
}
