#include "jobtable/jobdragdata.h"

#include "engine/jobqueue.h"
#include "jobtable/jobtablemodel.h"

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
    QList<JobId> known; // jobs removed since the drag started are skipped
    for (JobId id : ids) {
        if (queue.job(id))
            known.append(id);
    }
    if (before != 0 && !queue.job(before))
        before = 0;
    const QList<JobId> order = queue.order();
    return !known.isEmpty() && queue.moveBlock(known, before).ok() && queue.order() != order;
}
