// Generates fixtures/pinyin.tsv and fixtures/traditional-simplified.tsv from ICU's transforms
// (Foundation's StringTransform), once; the outputs are committed and embedded in RegistryCore so
// that nothing transliterates at run time (ICU's Han-Latin runs at ~5,000 names/s here).
// Run: swiftc -O scripts/generate-han-tables.swift -o /tmp/gen-han && /tmp/gen-han fixtures
import Foundation

let out = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "fixtures"
let ranges: [ClosedRange<UInt32>] = [0x3400...0x4DBF, 0x4E00...0x9FFF]
let toLatin = StringTransform("Han-Latin; Latin-ASCII")
let toSimplified = StringTransform("Traditional-Simplified")

// Readings ICU picks that are wrong for names: place names (长沙 chang, 重庆 chong, 厦门 xia) and the
// common 字号 readings. Context-free by design; documented in fixtures/README.md.
let overrides: [Character: String] = [
    "长": "chang", "重": "chong", "行": "xing", "乐": "le", "会": "hui", "朝": "chao", "厦": "xia",
    "藏": "zang", "曾": "zeng", "单": "dan", "调": "tiao", "和": "he", "都": "du", "传": "chuan",
    "发": "fa", "茂": "mao", "蔚": "wei", "泊": "bo", "翟": "zhai", "解": "xie", "仇": "qiu", "区": "qu",
    "查": "cha", "盛": "sheng", "参": "can", "率": "lv", "降": "jiang", "贾": "jia", "卜": "bu", "莘": "shen",
]

var pinyin = "char\tpinyin\n"
var simplified = "traditional\tsimplified\n"
for range in ranges {
    for value in range {
        guard let scalar = Unicode.Scalar(value) else { continue }
        let text = String(Character(scalar))
        if let latin = text.applyingTransform(toLatin, reverse: false) {
            let reading = overrides[Character(scalar)] ?? latin.lowercased().filter { $0.isASCII && $0.isLetter }
            if !reading.isEmpty, reading != text { pinyin += "\(text)\t\(reading)\n" }
        }
        if let folded = text.applyingTransform(toSimplified, reverse: false), folded != text, folded.count == 1 {
            simplified += "\(text)\t\(folded)\n"
        }
    }
}
try pinyin.write(toFile: "\(out)/pinyin.tsv", atomically: true, encoding: .utf8)
try simplified.write(toFile: "\(out)/traditional-simplified.tsv", atomically: true, encoding: .utf8)
print("pinyin rows: \(pinyin.split(separator: "\n").count - 1), traditional rows: \(simplified.split(separator: "\n").count - 1)")
