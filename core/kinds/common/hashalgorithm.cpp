#include "kinds/common/hashalgorithm.h"

#include <openssl/evp.h>

#include <array>

namespace {

struct AlgorithmInfo {
    HashAlgorithm algorithm;
    const char *name;    // our parameter name
    const char *tag;     // coreutils' --tag name
    const char *tool;    // coreutils program
    const char *evpName; // OpenSSL fetch name
    int digestLength;    // bytes
};

constexpr std::array<AlgorithmInfo, 5> algorithms{{
    {HashAlgorithm::Sha256, "sha256", "SHA256", "sha256sum", "SHA256", 32},
    {HashAlgorithm::Sha512, "sha512", "SHA512", "sha512sum", "SHA512", 64},
    {HashAlgorithm::Sha1, "sha1", "SHA1", "sha1sum", "SHA1", 20},
    {HashAlgorithm::Md5, "md5", "MD5", "md5sum", "MD5", 16},
    {HashAlgorithm::Blake2b, "blake2b", "BLAKE2b", "b2sum", "BLAKE2B-512", 64},
}};

const AlgorithmInfo &info(HashAlgorithm algorithm) {
    return algorithms[static_cast<std::size_t>(algorithm)];
}

} // namespace

QString hashAlgorithmName(HashAlgorithm algorithm) {
    return QString::fromLatin1(info(algorithm).name);
}

std::optional<HashAlgorithm> hashAlgorithmFromName(QStringView name) {
    for (const AlgorithmInfo &candidate : algorithms) {
        if (name.compare(QLatin1StringView(candidate.name), Qt::CaseInsensitive) == 0)
            return candidate.algorithm;
    }
    return std::nullopt;
}

QString hashAlgorithmChoices() {
    return QStringLiteral("sha256, sha512, sha1, md5 or blake2b");
}

QByteArray hashAlgorithmTag(HashAlgorithm algorithm) {
    return QByteArray(info(algorithm).tag);
}

QString hashAlgorithmTool(HashAlgorithm algorithm) {
    return QString::fromLatin1(info(algorithm).tool);
}

int hashDigestLength(HashAlgorithm algorithm) {
    return info(algorithm).digestLength;
}

const evp_md_st *hashEvpDigest(HashAlgorithm algorithm) {
    // Explicit fetching once avoids OpenSSL 3's implicit fetch (a locked
    // provider lookup) on every EVP_DigestInit, which shows when hashing many
    // small files. Function-local statics make the first call thread-safe.
    static const std::array<EVP_MD *, algorithms.size()> digests = [] {
        std::array<EVP_MD *, algorithms.size()> fetched{};
        for (std::size_t i = 0; i < algorithms.size(); ++i)
            fetched[i] = EVP_MD_fetch(nullptr, algorithms[i].evpName, nullptr);
        return fetched;
    }();
    return digests[static_cast<std::size_t>(algorithm)];
}
