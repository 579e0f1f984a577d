/// The intent journal of a write in progress (see `WriteTransaction`).
enum WriteJournal {
    static func recover(_ directory: String) throws(OutputWriter.Failure) {}
}
