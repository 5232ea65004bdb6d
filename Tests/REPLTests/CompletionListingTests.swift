import REPL
import TestSupport
import Testing

@Suite(.tags(.small))
struct CompletionListingTests {
    @Test func candidatesFillRowsOfColumnsAsWideAsTheLongestPlusTwo() {
        let candidates = ["find", "findOne", "insertOne", "drop", "aggregate"]
        #expect(
            CompletionListing.lines(candidates, width: 36) == [
                "find       findOne    insertOne",
                "drop       aggregate",
            ])
    }

    @Test func aNarrowTerminalGivesOneColumn() {
        #expect(CompletionListing.lines(["alpha", "beta"], width: 3) == ["alpha", "beta"])
    }

    @Test func noCandidatesNoLines() {
        #expect(CompletionListing.lines([], width: 80) == [])
    }
}
