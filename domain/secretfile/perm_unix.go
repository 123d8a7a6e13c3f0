//go:build unix

package secretfile

import (
	"io/fs"
	"os"
	"syscall"
)

// noFollow makes an open fail on a symbolic link.
const noFollow = syscall.O_NOFOLLOW

// othersMayWrite reports whether a directory's mode lets other users write.
func othersMayWrite(dir fs.FileInfo) bool { return dir.Mode().Perm()&0o002 != 0 }

// ownedByUs reports whether a file belongs to this process's user.
func ownedByUs(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Getuid()
}
