#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

// Lists the files a hash job hashes, in the order and with the names that
// `find ARG -type f | LC_ALL=C sort` gives for each argument in turn:
// - an argument naming a file is one file, named as given; symlinks are
//   followed, as sha256sum does;
// - an argument naming a folder (or a symlink to one, as `find -H`) stands for
//   every regular file below it, symlinks inside not followed, sorted by their
//   bytes and named ARG + "/" + relative path (no '/' added when ARG already
//   ends with one, as find does);
// - arguments keep their given order; duplicates are listed again.
// Works on bytes as the file system spells them, so names that are not valid
// UTF-8 survive. Relative arguments are resolved against baseDir.
//
// Thread: not thread-safe; use from one thread (the job's).
class FileScanner {
public:
    struct File {
        QByteArray name; // for the manifest: the argument joined with the relative path
        QByteArray path; // to open: absolute
        qint64 size = 0; // when scanned
    };
    struct Problem {
        QByteArray name; // as it would appear in the manifest
        QString error;   // "cannot read /abs/x: permission denied"
    };

    explicit FileScanner(const QString &baseDir);

    // Lists the files of every argument. Calls shouldContinue() between
    // folders; returns false as soon as it returns false (then the lists are
    // partial). What cannot be read (a missing argument, an unreadable folder)
    // is recorded in problems() and skipped.
    bool scan(const QStringList &arguments, const std::function<bool()> &shouldContinue);

    const QList<File> &files() const { return m_files; }
    const QList<Problem> &problems() const { return m_problems; }
    qint64 totalBytes() const { return m_totalBytes; }

    // baseDir + "/" + argument, unless argument is absolute. Native encoding.
    static QByteArray resolve(const QByteArray &baseDir, const QByteArray &argument);
    // The name of a file found below a folder argument, as find prints it.
    static QByteArray join(const QByteArray &parent, const QByteArray &child);

private:
    bool scanFolder(const QByteArray &name, const QByteArray &path,
                    const std::function<bool()> &shouldContinue);
    void addProblem(const QByteArray &name, const QByteArray &path, int error);

    QByteArray m_baseDir;
    QList<File> m_files;
    QList<Problem> m_problems;
    qint64 m_totalBytes = 0;
};
