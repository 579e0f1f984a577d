extension OutputWriter {
    /// Why a write or plan was refused. Every case names the file involved, so the command line can
    /// print one line the user can act on. Paths on disk are the output folder joined with the relative
    /// path; paths that never reached the disk (unsafe, colliding) are the relative paths as given.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// A relative output path that could escape the folder or mean different things on different
        /// systems; `reason` says which rule it breaks.
        case unsafePath(String, reason: String)
        /// Two output paths that would be one file (or a file and a folder) on some file system.
        case pathCollision(String, String)
        /// A file that schemagen did not generate sits where a generated file (or folder) must go.
        case userFileInTheWay(String)
        /// A folder sits where a generated file must go.
        case folderInTheWay(String)
        /// A symbolic link inside the output folder on the way to a file schemagen would write or delete.
        case symlinkInOutput(String)
        /// The output folder's path names something that is not a folder.
        case notADirectory(String)
        /// The manifest could not be read; without it schemagen cannot tell its files from the user's.
        case corruptManifest(String, reason: String)
        /// A file system call failed; `message` says what was attempted and the system's reason.
        case io(String, message: String)
        /// A signal stopped the write at `path`; everything was put back.
        case interrupted(String, signal: Int32)
        /// A folder changed between planning the write and carrying it out (replaced, or made a link).
        case folderChanged(String)

        public var description: String {
            switch self {
            case .unsafePath(let path, let reason):
                return "unsafe output path \(String(reflecting: path)): it \(reason)"
            case .pathCollision(let a, let b):
                if a.utf8.elementsEqual(b.utf8) {
                    return "two output files have the same path `\(a)`"
                }
                let foldedA = OutputPathCheck.foldedKey(a)
                let foldedB = OutputPathCheck.foldedKey(b)
                if foldedA == foldedB {
                    return
                        "output paths `\(a)` and `\(b)` differ only in letter case and would be one file on a case-insensitive file system (macOS)"
                }
                if foldedB.hasPrefix(foldedA + "/") || foldedA.hasPrefix(foldedB + "/") {
                    return "output paths `\(a)` and `\(b)` collide: one needs a folder where the other is a file"
                }
                return
                    "output paths `\(a)` and `\(b)` spell the same folder differently, which is one folder on a case-insensitive file system (macOS)"
            case .userFileInTheWay(let path):
                return
                    "`\(path)` is in the way: it exists but schemagen did not generate it (it is not in `\(OutputManifest.fileName)`); move it or choose another output folder"
            case .folderInTheWay(let path):
                return
                    "`\(path)` is a folder where schemagen needs to write a file; move it or choose another output folder"
            case .symlinkInOutput(let path):
                return
                    "`\(path)` is a symbolic link; schemagen does not write or delete through links inside its output folder"
            case .notADirectory(let path):
                return "output folder `\(path)` exists but is not a folder"
            case .corruptManifest(let path, let reason):
                return "`\(path)` cannot be read (\(reason)); fix or delete it to let schemagen write this folder again"
            case .io(let path, let message):
                return "`\(path)`: \(message)"
            case .interrupted(let path, let signal):
                return
                    "interrupted by \(Interruption.signalName(signal)) while writing `\(path)`; the folder was put back as it was"
            case .folderChanged(let path):
                return
                    "`\(path)` changed while schemagen was writing (it was replaced or made a link); nothing was written through it"
            }
        }
    }
}
