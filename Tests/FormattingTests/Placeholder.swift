import Testing

@Test func placeholderFormatting() { #expect(Bool(true)) }
