import Testing

/// Size tags (STYLE.md §5): `.small` pure and fast, `.medium` a real C library against a loopback peer,
/// `.large` runs the built binary.
extension Tag {
    @Tag package static var small: Self
    @Tag package static var medium: Self
    @Tag package static var large: Self
}
