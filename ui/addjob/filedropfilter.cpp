#include "addjob/filedropfilter.h"

#include <QDragMoveEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QUrl>
#include <QWidget>

namespace {

// The local files and folders a drag carries; empty when it carries anything else.
QStringList localPaths(const QMimeData *mime) {
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    const QList<QUrl> urls = mime->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    return paths;
}

} // namespace

FileDropFilter::FileDropFilter(Offer offer, QObject *parent)
    : QObject(parent)
    , m_offer(std::move(offer)) {}

void FileDropFilter::watch(QWidget *widget) {
    widget->installEventFilter(this);
}

bool FileDropFilter::eventFilter(QObject *watched, QEvent *event) {
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (localPaths(drag->mimeData()).isEmpty())
            return false;
        drag->acceptProposedAction();
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QStringList paths = localPaths(drop->mimeData());
        if (paths.isEmpty())
            return false;
        drop->acceptProposedAction();
        const QPoint where =
            static_cast<QWidget *>(watched)->mapToGlobal(drop->position().toPoint());
        QMetaObject::invokeMethod(
            this, [this, paths, where] { m_offer(paths, where); }, Qt::QueuedConnection);
        return true;
    }
    default:
        return false;
    }
}
