//go:build windows

package secretfile

import "io/fs"

// noFollow is 0: Windows has no O_NOFOLLOW. Prepare's Lstat has refused a
// symbolic link already, and the O_EXCL create fails on one that appears.
const noFollow = 0

// othersMayWrite is false: Windows guards directories with ACLs, which Go's
// file mode does not show (every writable directory reads as 0777), so the
// mode says nothing about other users.
func othersMayWrite(fs.FileInfo) bool { return false }

// ownedByUs is not reached on Windows (othersMayWrite is false).
func ownedByUs(fs.FileInfo) bool { return false }
