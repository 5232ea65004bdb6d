/// The list parameters `pageNum`, `itemsPerPage`, `includeCount` and the paging envelope
/// `{results, totalCount, links}` (atlas-api.md §3).
package struct Page: Sendable, Equatable {
    package var pageNum = 1
    package var itemsPerPage = 100
    package var includeCount = true
    /// The request's URL without query, for `links[].href`.
    package var selfURL = ""

    package init(pageNum: Int = 1, itemsPerPage: Int = 100, includeCount: Bool = true, selfURL: String = "") {
        self.pageNum = pageNum
        self.itemsPerPage = itemsPerPage
        self.includeCount = includeCount
        self.selfURL = selfURL
    }

    /// Reads the query; out-of-range values are Atlas's 400 `VALIDATION_ERROR`.
    package init(query: [String: String], selfURL: String) throws(APIError) {
        self.selfURL = selfURL
        if let text = query["pageNum"] {
            guard let value = Int(text), value >= 1 else {
                throw APIError.validation("Invalid pageNum \(text): must be an integer of at least 1.", ["pageNum"])
            }
            pageNum = value
        }
        if let text = query["itemsPerPage"] {
            guard let value = Int(text), (1...500).contains(value) else {
                throw APIError.validation(
                    "Invalid itemsPerPage \(text): must be an integer from 1 to 500.", ["itemsPerPage"])
            }
            itemsPerPage = value
        }
        if let text = query["includeCount"] {
            guard let value = Bool(text) else {
                throw APIError.validation("Invalid includeCount \(text): must be true or false.", ["includeCount"])
            }
            includeCount = value
        }
    }

    /// `items` cut to this page, with `totalCount` (unless `includeCount=false`) and self/previous/next links.
    func envelope(_ items: [JSONValue]) -> JSONValue {
        let start = min((pageNum - 1) * itemsPerPage, items.count)
        let end = min(start + itemsPerPage, items.count)
        var links: [JSONValue] = [link(pageNum, "self")]
        if pageNum > 1 { links.append(link(pageNum - 1, "previous")) }
        if end < items.count { links.append(link(pageNum + 1, "next")) }
        var fields: [(key: String, value: JSONValue)] = [
            ("links", .array(links)), ("results", .array(Array(items[start..<end]))),
        ]
        if includeCount { fields.append(("totalCount", .int(items.count))) }
        return .object(fields)
    }

    private func link(_ page: Int, _ rel: String) -> JSONValue {
        .object([
            ("href", .string("\(selfURL)?pageNum=\(page)&itemsPerPage=\(itemsPerPage)")), ("rel", .string(rel)),
        ])
    }
}
