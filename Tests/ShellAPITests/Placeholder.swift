import Testing

@Test func placeholderShellAPI() { #expect(Bool(true)) }
