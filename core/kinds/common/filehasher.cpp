#include "kinds/common/filehasher.h"

#include "base/readablefile.h"

#include <QFile>

#include <openssl/evp.h>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

struct FileHasher::OpenSslContext {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ~OpenSslContext() { EVP_MD_CTX_free(ctx); }
};

FileHasher::FileHasher(HashAlgorithm algorithm, qint64 blockSize)
    : m_algorithm(algorithm)
    , m_context(std::make_unique<OpenSslContext>())
    , m_buffer(blockSize, Qt::Uninitialized) {}

FileHasher::~FileHasher() = default;

QString FileHasher::describeErrno(int error) {
    return ReadableFile::describeErrno(error);
}

FileHasher::Outcome FileHasher::fail(const char *what, const QByteArray &path, int error) {
    m_error = QStringLiteral("%1 %2: %3")
                  .arg(QLatin1StringView(what), QFile::decodeName(path), describeErrno(error));
    return Outcome::Failed;
}

FileHasher::Outcome FileHasher::hash(const QByteArray &path, const BlockCallback &onBlock) {
    m_digest.clear();
    m_error.clear();
    m_bytesHashed = 0;
    m_stamp = {};

    // Never blocks on a FIFO and refuses a device: a path swapped for a link
    // to /dev/zero after the job was queued must not be read forever.
    Expected<ReadableFile::Opened> opened = ReadableFile::open(path);
    if (!opened) {
        m_error = opened.error();
        return Outcome::Failed;
    }
    const FileDescriptor fd = std::move(opened.value().fd);
    m_stamp = FileStamp::fromStat(opened->info);
    // Doubles the kernel's read-ahead for files not yet in the page cache.
    ::posix_fadvise(fd.get(), 0, 0, POSIX_FADV_SEQUENTIAL);

    EVP_MD_CTX *ctx = m_context->ctx;
    const EVP_MD *md = hashEvpDigest(m_algorithm);
    if (!ctx || !md || !EVP_DigestInit_ex2(ctx, md, nullptr)) {
        m_error = QStringLiteral("OpenSSL has no %1 digest").arg(hashAlgorithmName(m_algorithm));
        return Outcome::Failed;
    }

    char *buffer = m_buffer.data();
    const qint64 blockSize = m_buffer.size();
    for (;;) {
        // A short read is not the end of the file; only 0 is. Filling the
        // whole block keeps the per-block callback (a mutex) rare.
        qint64 filled = 0;
        bool atEnd = false;
        while (filled < blockSize) {
            const ssize_t n = ::read(fd.get(), buffer + filled, size_t(blockSize - filled));
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                return fail("cannot read", path, errno);
            }
            if (n == 0) {
                atEnd = true;
                break;
            }
            filled += n;
        }
        if (filled > 0) {
            if (!EVP_DigestUpdate(ctx, buffer, size_t(filled))) {
                m_error = QStringLiteral("OpenSSL failed hashing %1").arg(QFile::decodeName(path));
                return Outcome::Failed;
            }
            m_bytesHashed += filled;
            if (onBlock && !onBlock(filled))
                return Outcome::Stopped;
        }
        if (atEnd)
            break;
    }

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!EVP_DigestFinal_ex(ctx, digest, &length)) {
        m_error = QStringLiteral("OpenSSL failed hashing %1").arg(QFile::decodeName(path));
        return Outcome::Failed;
    }
    m_digest = QByteArray(reinterpret_cast<const char *>(digest), int(length));
    return Outcome::Hashed;
}
