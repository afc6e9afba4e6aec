#include "jobdragdata.h"

#include "jobqueue.h"
#include "jobtablemodel.h"

#include <QCoreApplication>
#include <QMimeData>
#include <QSet>

#include <algorithm>

namespace {

QByteArray sourceTag(const JobQueue &queue) {
    return QByteArray::number(QCoreApplication::applicationPid()) + ':' +
           QByteArray::number(quintptr(&queue), 16);
}

} // namespace

QMimeData *JobDragData::encode(const JobQueue &queue, const QList<JobId> &ids) {
    QByteArray payload = sourceTag(queue);
    payload += '\n';
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i > 0)
            payload += ' ';
        payload += QByteArray::number(ids[i]);
    }
    auto *data = new QMimeData;
    data->setData(JobTableModel::jobIdsMimeType(), payload);
    return data;
}

QList<JobId> JobDragData::decode(const JobQueue &queue, const QMimeData *data) {
    if (!data || !data->hasFormat(JobTableModel::jobIdsMimeType()))
        return {};
    const QByteArray payload = data->data(JobTableModel::jobIdsMimeType());
    const qsizetype newline = payload.indexOf('\n');
    if (newline < 0 || payload.left(newline) != sourceTag(queue))
        return {};
    QList<JobId> ids;
    const QList<QByteArray> words = payload.mid(newline + 1).split(' ');
    for (const QByteArray &word : words) {
        bool ok = false;
        const JobId id = word.toULongLong(&ok);
        if (!ok)
            return {};
        ids.append(id);
    }
    return ids;
}

bool JobDragData::moveBlock(JobQueue &queue, const QList<JobId> &ids, JobId before) {
    QList<JobId> order = queue.order();
    const QSet<JobId> moving(ids.begin(), ids.end());
    QList<JobId> block;
    for (JobId id : std::as_const(order)) {
        if (moving.contains(id))
            block.append(id);
    }
    if (block.isEmpty())
        return false;

    if (moving.contains(before)) {
        qsizetype i = order.indexOf(before);
        while (i < order.size() && moving.contains(order[i]))
            ++i;
        before = i < order.size() ? order[i] : JobId(0);
    } else if (before != 0 && !order.contains(before)) {
        before = 0;
    }

    // From the last job up, each goes just before the one placed after it, so the
    // block stays contiguous and in order whatever side of the target each started on.
    // `order` mirrors what moveTo does to the queue's order.
    bool changed = false;
    JobId next = before;
    for (qsizetype b = block.size() - 1; b >= 0; --b) {
        const JobId id = block[b];
        const qsizetype current = order.indexOf(id);
        qsizetype target = order.size() - 1;
        if (next != 0) {
            const qsizetype nextAt = order.indexOf(next);
            target = current < nextAt ? nextAt - 1 : nextAt;
        }
        if (target != current && queue.moveTo(id, int(target)).ok()) {
            order.remove(current);
            order.insert(target, id);
            changed = true;
        }
        next = id;
    }
    return changed;
}
