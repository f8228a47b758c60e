#pragma once

#include "core/domain/records.h"
#include "models/mergingtablemodel.h"

#include <QDateTime>

namespace Dockmaster {

// Open release requests across all apps (the Pending approvals panel).
class ReleaseRequestsModel final : public MergingTableModel<ReleaseRequest>
{
    Q_OBJECT
public:
    enum Column { AppColumn, EnvironmentColumn, RefColumn, ShaColumn, RequesterColumn, AgeColumn, StateColumn, COUNT };

    using MergingTableModel::MergingTableModel;

    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : COUNT; }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Requests older than this are highlighted as overdue.
    void setSlaHours(int hours);
    // Ages are computed against this time; the panel advances it every minute.
    void setReferenceTime(const QDateTime &now);

    static QString ageText(qint64 seconds);
    static QString stateDisplayName(ReleaseState state);
    // "1 of 2 approvals (by alice, 10 min ago)" while a request waits for more admins.
    QString stateText(const ReleaseRequest &request) const;

protected:
    QString keyOf(const ReleaseRequest &request) const override;

private:
    bool isOverdue(const ReleaseRequest &request) const;

    int m_slaHours = 24;
    QDateTime m_now = QDateTime::currentDateTimeUtc();
};

} // namespace Dockmaster
