#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <optional>

// OpenSSL's digest type (EVP_MD), declared here so that users of this header do
// not need OpenSSL's headers: taskdeck_core links libcrypto privately.
struct evp_md_st;

// The digests a hash job can compute, each matching one coreutils tool.
enum class HashAlgorithm {
    Sha256,  // sha256sum (the default)
    Sha512,  // sha512sum
    Sha1,    // sha1sum
    Md5,     // md5sum
    Blake2b, // b2sum (BLAKE2b-512)
};

// Every function below is pure (or returns a process-wide immutable object)
// and may be called from any thread.

// Lower-case stable name used in parameters: "sha256", "sha512", "sha1", "md5", "blake2b".
QString hashAlgorithmName(HashAlgorithm algorithm);
// Accepts the stable names, case-insensitively. Empty when unknown.
std::optional<HashAlgorithm> hashAlgorithmFromName(QStringView name);
// "sha256, sha512, sha1, md5 or blake2b": for messages listing the choices.
QString hashAlgorithmChoices();

// The name coreutils writes in the BSD "--tag" form: "SHA256", "MD5", "BLAKE2b".
QByteArray hashAlgorithmTag(HashAlgorithm algorithm);
// The coreutils program computing the same digest: "sha256sum", ..., "b2sum".
QString hashAlgorithmTool(HashAlgorithm algorithm);
// Length of the binary digest in bytes (hex text is twice as long).
int hashDigestLength(HashAlgorithm algorithm);

// OpenSSL's implementation, fetched once per process and shared (never freed:
// OpenSSL may already be shut down when static destructors run). Never null
// on a working libcrypto; null only if the provider lacks the algorithm.
const evp_md_st *hashEvpDigest(HashAlgorithm algorithm);
