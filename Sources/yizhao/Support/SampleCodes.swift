import RegistryCore

/// Deterministic sample codes for the benchmarks: allocated codes across Hunan's current regions,
/// with every tenth one corrupted in one position.
enum SampleCodes {
    static func mixed(count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        let regions = RegionTable.standard.currentRows(underPrefix: 43, digits: 2).compactMap { RegionCode(value: $0.code) }
        let types = EntityType.allCases
        var codes: [String] = []
        codes.reserveCapacity(count)
        for index in 0..<count {
            let region = regions[Int(random.next() % UInt64(regions.count))]
            let type = types[Int(random.next() % UInt64(types.count))]
            let sequence = Int(random.next() % UInt64(CodeAllocator.capacity))
            var code = Array((try! CodeAllocator.creditCode(type: type, authority: region, sequence: sequence)).rawValue.utf8)
            if index % 10 == 9 {
                let position = Int(random.next() % 18)
                let replacement = CodeAlphabet.characters[Int(random.next() % 31)]
                code[position] = replacement == code[position] ? UInt8(ascii: "Z") : replacement
            }
            codes.append(String(decoding: code, as: UTF8.self))
        }
        return codes
    }
}
