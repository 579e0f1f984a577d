/// One parser per input format, each producing the same `PageOutline`.
public protocol PageParser: Sendable {
    func outline(of page: Page) -> PageOutline
}

extension PageFormat {
    /// The parser for pages of this format.
    public func parser(limits: ParseLimits = .default) -> any PageParser {
        switch self {
        case .markdown: MarkdownPageParser(limits: limits)
        case .html: HTMLPageParser(limits: limits)
        }
    }
}
