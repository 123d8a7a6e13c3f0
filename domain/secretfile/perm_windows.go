//go:build windows

package secretfile

import "io/fs"

// othersMayWrite is false: Windows guards directories with ACLs, which Go's
// file mode does not show (every writable directory reads as 0777), so the
// mode says nothing about other users.
func othersMayWrite(fs.FileInfo) bool { return false }

// ownedByUs is not reached on Windows (othersMayWrite is false).
func ownedByUs(fs.FileInfo) bool { return false }
