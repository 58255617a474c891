import RegistryCore

/// Synthetic natural persons with well-formed resident ID numbers (GB 11643: region, birth date,
/// sequence, ISO 7064 MOD 11-2 check). They are fake: no real person is meant.
enum SyntheticPeople {
    static func person(_ random: inout SplitMix64, region: Int) -> Person {
        let surname = SeedVocabulary.surnames[Int(random.next() % UInt64(SeedVocabulary.surnames.count))]
        var name = surname
        for _ in 0..<(random.next() % 3 == 0 ? 1 : 2) {
            name += SeedVocabulary.givenNames[Int(random.next() % UInt64(SeedVocabulary.givenNames.count))]
        }
        return Person(name: name, idNumber: idNumber(&random, region: region))
    }

    static func idNumber(_ random: inout SplitMix64, region: Int) -> String {
        let birth = CalendarDate(daysSinceEpoch: -5_500 + Int(random.next() % 16_000))  // 1955–1998
        return ResidentID.synthetic(region: region, birth: birth, sequence: Int(random.next() % 999) + 1)
    }
}
