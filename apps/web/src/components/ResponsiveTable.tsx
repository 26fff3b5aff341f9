import type { MouseEvent, ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Card, Empty, Pagination, Spin, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from './useIsMobile.ts';

/** One column: its title and how to render a row's cell. */
export interface Column<T> {
  key: string;
  title: ReactNode;
  render: (row: T, index: number) => ReactNode;
  width?: number | string;
  /** Leave out of the phone card (e.g. because the card title already shows it). */
  hideOnCard?: boolean;
}

/** Server-side paging for {@link ResponsiveTable}. */
export interface Paging {
  current: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
}

/** Props of {@link ResponsiveTable}. */
export interface ResponsiveTableProps<T> {
  rows: readonly T[] | undefined;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  loading?: boolean;
  paging?: Paging;
  /** The card heading on phones; defaults to the first column. */
  cardTitle?: (row: T) => ReactNode;
  /** Extra on the card heading's right (e.g. a link to open the record). */
  cardExtra?: (row: T) => ReactNode;
  testId?: string;
  /**
   * Where a row (a card on phones) leads: the whole row opens it, not only the small link inside it.
   * Keyboard users still reach it through that link, which stays the row's focusable element.
   */
  rowHref?: (row: T) => string | undefined;
}

/** A click on the row itself, not on a control inside it (which does its own thing). */
function onRowSpace(e: MouseEvent): boolean {
  const target = e.target as HTMLElement;
  return !target.closest('a, button, input, select, textarea, label, [role=button], [role=checkbox], .ant-select, .ant-dropdown')
    && !window.getSelection()?.toString();
}

/**
 * A table on desktops and a list of cards on phones, from one column list, because a ten-column table
 * is unreadable on a grid worker's phone while cards with "label: value" lines are not.
 */
export function ResponsiveTable<T>(props: ResponsiveTableProps<T>) {
  const { rows, columns, rowKey, loading, paging, cardTitle, cardExtra, testId, rowHref } = props;
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const open = (row: T) => (e: MouseEvent) => {
    const href = rowHref?.(row);
    if (href && onRowSpace(e)) navigate(href);
  };
  const { t } = useTranslation();
  const showTotal = (total: number) => t('common.unit.total', { total });

  if (mobile) {
    const [first, ...rest] = columns;
    const title = cardTitle ?? ((row: T) => first?.render(row, 0));
    const body = cardTitle ? columns : rest;
    // Plain cards and a pager rather than antd's List, which antd 6.6 deprecates.
    return (
      <div data-testid={testId} className="gz-card-list">
        <Spin spinning={Boolean(loading)}>
          {!rows?.length && !loading && <Empty description={t('common.empty')} />}
          {rows?.map((row, index) => (
            <Card
              key={rowKey(row)}
              className={rowHref?.(row) ? 'gz-card-link' : undefined}
              onClick={open(row)}
              size="small"
              title={title(row)} extra={cardExtra?.(row)} data-testid={testId ? `${testId}-card` : undefined}>
              {body
                .filter((c) => !c.hideOnCard)
                .map((c) => (
                  <div className="gz-card-field" key={c.key}>
                    <span className="gz-card-label">{c.title}</span>
                    <span className="gz-card-value">{c.render(row, index)}</span>
                  </div>
                ))}
            </Card>
          ))}
        </Spin>
        {paging && paging.total > paging.pageSize && (
          <Pagination
            simple
            current={paging.current}
            pageSize={paging.pageSize}
            total={paging.total}
            onChange={paging.onChange}
            showTotal={showTotal}
            style={{ textAlign: 'center', marginTop: 8 }}
          />
        )}
      </div>
    );
  }

  return (
    <div data-testid={testId}>
      <Table<T>
        dataSource={rows as T[] | undefined}
        loading={loading}
        rowKey={rowKey}
        rowClassName={(row) => (rowHref?.(row) ? 'gz-row-link' : '')}
        onRow={(row) => ({ onClick: open(row) })}
        size="middle"
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('common.empty') }}
        columns={columns.map((c) => ({ key: c.key, title: c.title, width: c.width, render: (_: unknown, row: T, i: number) => c.render(row, i) }))}
        pagination={
          paging
            ? { current: paging.current, pageSize: paging.pageSize, total: paging.total, onChange: paging.onChange, showTotal, showSizeChanger: true }
            : false
        }
      />
    </div>
  );
}
