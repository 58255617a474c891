/// JSON arrays of strings written directly (bound as one parameter and read back with SQL's `json_each`).
public enum JSONArrays {
    /// `values` as a JSON array of strings.
    public static func of(_ values: [String]) -> String {
        var json = String.UnicodeScalarView()
        json.append("[")
        for (index, value) in values.enumerated() {
            if index > 0 { json.append(",") }
            appendQuoted(value.unicodeScalars, to: &json)
        }
        json.append("]")
        return String(json)
    }

    /// `rows` as a JSON array of arrays of strings (bound as one parameter for `json_each`).
    public static func of(_ rows: [[String]]) -> String {
        var json = String.UnicodeScalarView()
        json.append("[")
        for (index, row) in rows.enumerated() {
            if index > 0 { json.append(",") }
            json.append("[")
            for (column, text) in row.enumerated() {
                if column > 0 { json.append(",") }
                appendQuoted(text.unicodeScalars, to: &json)
            }
            json.append("]")
        }
        json.append("]")
        return String(json)
    }

    /// Appends `scalars` as a JSON string (search terms are folded letters and digits; quotes, backslashes and
    /// control characters are escaped all the same).
    public static func appendQuoted(_ scalars: String.UnicodeScalarView, to json: inout String.UnicodeScalarView) {
        json.append("\"")
        for scalar in scalars {
            switch scalar {
            case "\"", "\\":
                json.append("\\")
                json.append(scalar)
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                json.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            default:
                json.append(scalar)
            }
        }
        json.append("\"")
    }
}
