#include "instance/localsocketlistener.h"

#include "base/readablefile.h"
#include "instance/instanceprotocol.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QSocketNotifier>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace {
// After accept() failed even with the reserve given up, wait this long
// before trying again rather than spin on a socket that stays readable.
constexpr int backOffMs = 50;

QByteArray refusalLine(const QString &message) {
    namespace Field = InstanceProtocol::Field;
    const QJsonObject reply{{Field::v, InstanceProtocol::version},
                            {Field::id, QJsonValue::Null},
                            {Field::ok, false},
                            {Field::error, message}};
    return QJsonDocument(reply).toJson(QJsonDocument::Compact) + '\n';
}
} // namespace

LocalSocketListener::LocalSocketListener(QObject *parent)
    : QObject(parent)
    , m_backOff(new QTimer(this)) {
    m_backOff->setSingleShot(true);
    connect(m_backOff, &QTimer::timeout, this, [this] {
        if (m_notifier)
            m_notifier->setEnabled(true);
    });
}

LocalSocketListener::~LocalSocketListener() {
    close();
}

Status LocalSocketListener::listen(const QString &path) {
    close();
    const QByteArray native = QFile::encodeName(path);
    const auto fail = [&path](const QString &reason) {
        return Status::failure(
            QStringLiteral("cannot listen on the socket %1: %2").arg(path, reason));
    };
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (size_t(native.size()) >= sizeof address.sun_path)
        return fail(QStringLiteral("the path is too long for a socket"));
    std::memcpy(address.sun_path, native.constData(), size_t(native.size()));

    // A socket left by an instance that died; never anything else of that name.
    struct stat existing {};
    if (::lstat(native.constData(), &existing) == 0) {
        if (!S_ISSOCK(existing.st_mode))
            return fail(QStringLiteral("a file that is not a socket is in the way"));
        ::unlink(native.constData());
    }
    FileDescriptor fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!fd.isValid())
        return fail(ReadableFile::describeErrno(errno));
    if (::bind(fd.get(), reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
        return fail(ReadableFile::describeErrno(errno));
    // The folder is private already; the socket itself is the owner's alone too.
    ::chmod(native.constData(), 0600);
    if (::listen(fd.get(), SOMAXCONN) != 0) {
        const int error = errno;
        ::unlink(native.constData());
        return fail(ReadableFile::describeErrno(error));
    }
    struct stat made {};
    ::lstat(native.constData(), &made);
    m_device = made.st_dev;
    m_inode = made.st_ino;
    m_fd = std::move(fd);
    m_path = path;
    m_spare.reset(::open("/dev/null", O_RDONLY | O_CLOEXEC));
    m_notifier = new QSocketNotifier(m_fd.get(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &LocalSocketListener::acceptPending);
    return {};
}

void LocalSocketListener::close() {
    delete m_notifier;
    m_notifier = nullptr;
    m_backOff->stop();
    if (!m_fd.isValid())
        return;
    m_fd.reset();
    // Only our own socket: a later instance may have replaced it.
    const QByteArray native = QFile::encodeName(m_path);
    struct stat now {};
    if (::lstat(native.constData(), &now) == 0 && now.st_dev == m_device && now.st_ino == m_inode)
        ::unlink(native.constData());
}

void LocalSocketListener::acceptPending() {
    for (;;) {
        const int client = ::accept4(m_fd.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (client >= 0) {
            ucred peer{};
            socklen_t length = sizeof peer;
            if (::getsockopt(client, SOL_SOCKET, SO_PEERCRED, &peer, &length) != 0) {
                refuse(client, refusalLine(QStringLiteral("refused: cannot tell who you are")));
            } else if (peer.uid != ::geteuid()) {
                refuse(client, refusalLine(QStringLiteral("refused: this Taskdeck instance "
                                                          "serves uid %1 only, not uid %2")
                                               .arg(::geteuid())
                                               .arg(peer.uid)));
            } else if (m_open >= m_maxConnections) {
                refuse(client, refusalLine(QStringLiteral("busy: the instance serves %1 clients "
                                                          "at once already; try again")
                                               .arg(m_open)));
            } else {
                serve(client, peer.pid);
            }
            continue;
        }
        const int error = errno;
        if (error == EINTR || error == ECONNABORTED || error == EPROTO)
            continue;
        if (error == EAGAIN || error == EWOULDBLOCK)
            return;
        if ((error == EMFILE || error == ENFILE) && m_spare.isValid()) {
            // Out of descriptors: the reserve takes one client in, to be told.
            m_spare.reset();
            const int taken = ::accept4(m_fd.get(), nullptr, nullptr, SOCK_CLOEXEC);
            if (taken >= 0)
                refuse(taken, refusalLine(QStringLiteral("busy: the instance is out of file "
                                                         "descriptors; try again")));
            m_spare.reset(::open("/dev/null", O_RDONLY | O_CLOEXEC));
            if (taken >= 0)
                continue;
        }
        // Nothing more can be taken now; the socket stays open and listening.
        m_notifier->setEnabled(false);
        m_backOff->start(backOffMs);
        return;
    }
}

void LocalSocketListener::refuse(int fd, const QByteArray &message) {
    ++m_refused;
    // One try, never a wait: a client that does not read loses the message.
    [[maybe_unused]] const ssize_t sent =
        ::send(fd, message.constData(), size_t(message.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
    ::close(fd);
}

void LocalSocketListener::serve(int fd, pid_t peerPid) {
    auto *socket = new QLocalSocket;
    if (!socket->setSocketDescriptor(fd, QLocalSocket::ConnectedState, QIODevice::ReadWrite)) {
        delete socket;
        ::close(fd);
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    Q_EMIT newConnection(socket, peerPid);
}
