#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Copies what cp -a keeps of a file's extended attributes: every attribute the
// source lists (user.*; trusted.* and security.*, which only root lists or may
// set) and its POSIX ACLs, which the kernel keeps as the attributes
// system.posix_acl_access and, on a folder, system.posix_acl_default. Other
// system.* attributes are the file system's own and security.evm is the
// kernel's: not copied. The target ends with the source's ACLs: an ACL the
// target inherited from its folder's default ACL while the source has none is
// removed, as cp -a does.
//
// An attribute the target cannot take (EPERM, EACCES: trusted.* as a user, a
// locked security module; ENOTSUP: a file system without them; EINVAL: a name
// its file system refuses) is left out silently, as cp -a does. Any other
// error (ENOSPC, EDQUOT, EIO...) is returned.
//
// Call it after chmod (which sets an ACL's mask: the ACL then gives the mode's
// group bits the source's) and before setting the times.
// Thread: any; no state.
namespace ExtendedAttributes {

struct Failure {
    QByteArray name;      // the attribute, e.g. "user.comment"
    int error = 0;        // errno
    bool reading = false; // listing or reading the source failed, not writing
};

// Between two open files: regular files, or folders opened O_RDONLY.
std::optional<Failure> copy(int from, int to);
// Between two paths, links not followed: symlinks, special files, folders.
std::optional<Failure> copy(const QByteArray &from, const QByteArray &to);

// "cannot keep the extended attribute user.x of SOURCE: no space left on
// device", or "cannot read ..." when the source could not be read.
QString describe(const Failure &failure, const QByteArray &source);

} // namespace ExtendedAttributes
