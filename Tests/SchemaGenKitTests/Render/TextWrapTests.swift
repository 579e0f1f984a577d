import Testing

@testable import SchemaGenKit

@Suite struct TextWrapTests {
    @Test func wrapsAtSpacesWithinTheWidth() {
        #expect(TextWrap.lines("aa bb cc dd", width: 5) == ["aa bb", "cc dd"])
        #expect(TextWrap.lines("aa bb cc", width: 8) == ["aa bb cc"])
        // Text arrives folded; spacing inside a line is kept as given, ends are trimmed.
        #expect(TextWrap.lines("  lead  and   inner  ", width: 100) == ["lead  and   inner"])
        #expect(TextWrap.lines("", width: 10).isEmpty)
    }

    @Test func aLongWordGetsItsOwnLineAndWidthCountsCharactersNotBytes() {
        #expect(
            TextWrap.lines("a https://example.com/very/long/path b", width: 10)
                == ["a", "https://example.com/very/long/path", "b"])
        #expect(TextWrap.lines("ü ü ü ü", width: 3) == ["ü ü", "ü ü"])
    }

    @Test func noTextIsLost() {
        let text =
            "The status of the inference experiment. The following are the possible statuses: Creating - Amazon SageMaker is creating your experiment."
        let lines = TextWrap.lines(text, width: 40)
        #expect(lines.joined(separator: " ") == text)
        #expect(lines.allSatisfy { $0.count <= 40 })
    }

    /// Text that fits is returned whole without being walked; the result is what the walk gives.
    @Test func textThatFitsIsOneLineAsTheWalkWouldMakeIt() {
        #expect(TextWrap.lines("fits  exactly", width: 13) == ["fits  exactly"])
        // Over the width in bytes, so walked: a run of spaces counts as one between words.
        #expect(TextWrap.lines("fits  exactly!", width: 13) == ["fits  exactly!"])
        #expect(TextWrap.lines("fits  exactly!!", width: 13) == ["fits", "exactly!!"])
        #expect(TextWrap.lines(" lead", width: 10) == ["lead"])
        #expect(TextWrap.lines("trail ", width: 10) == ["trail"])
        #expect(TextWrap.lines(" ", width: 10).isEmpty)
    }
}
