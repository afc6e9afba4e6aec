#pragma once

#include "kinds/common/filestamp.h"
#include "kinds/common/hashalgorithm.h"

#include <QByteArray>
#include <QString>

#include <functional>
#include <memory>

// Computes the digest of one file with OpenSSL's EVP interface, reading it in
// large blocks and reporting after each block so the caller can show progress
// and stop (cancel) or block (pause) between blocks.
//
// Thread: not thread-safe; use one FileHasher per thread. It owns its read
// buffer and OpenSSL context and reuses them across files, so keep one per
// worker rather than one per file.
class FileHasher {
public:
    enum class Outcome {
        Hashed,  // digest() holds the digest
        Failed,  // errorString() says why ("cannot read /x: permission denied")
        Stopped, // the block callback returned false
    };

    // Called after each block with the number of bytes just hashed; return
    // false to stop. Runs on the thread that called hash().
    using BlockCallback = std::function<bool(qint64 bytes)>;

    static constexpr qint64 defaultBlockSize = 1 << 20;

    explicit FileHasher(HashAlgorithm algorithm, qint64 blockSize = defaultBlockSize);
    ~FileHasher();
    FileHasher(const FileHasher &) = delete;
    FileHasher &operator=(const FileHasher &) = delete;

    HashAlgorithm algorithm() const { return m_algorithm; }

    // Hashes the file at path (native encoding, as the file system spells it;
    // symlinks are followed). It is opened with ReadableFile: anything but a
    // regular file (a FIFO, a device, a folder, even one swapped in after the
    // job was queued) is Failed at once, naming the path. onBlock may be empty.
    Outcome hash(const QByteArray &path, const BlockCallback &onBlock);

    // The binary digest of the last Hashed outcome.
    const QByteArray &digest() const { return m_digest; }
    // What went wrong in the last Failed outcome, naming the file.
    const QString &errorString() const { return m_error; }
    // Bytes hashed by the last call, whatever its outcome.
    qint64 bytesHashed() const { return m_bytesHashed; }
    // Size and modification time of the file the last call opened, taken
    // before its first byte was read (so a file changed while being hashed
    // gets a stamp it no longer matches); invalid when it could not be opened.
    const FileStamp &stamp() const { return m_stamp; }

    // "permission denied" for EACCES: strerror() with a lower-case first letter,
    // to sit after a colon in a sentence.
    static QString describeErrno(int error);

private:
    struct OpenSslContext;

    Outcome fail(const char *what, const QByteArray &path, int error);

    HashAlgorithm m_algorithm;
    std::unique_ptr<OpenSslContext> m_context;
    QByteArray m_buffer;
    QByteArray m_digest;
    QString m_error;
    qint64 m_bytesHashed = 0;
    FileStamp m_stamp;
};
