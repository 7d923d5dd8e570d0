/**
 * The working-day calendar (工作日历) of one year: public holidays (法定节假日) and make-up workdays
 * (调休上班). Weekdays not listed are working days, weekends not listed are rest days.
 */
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  message,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useRefresh } from '../../../shared/query.tsx';
import { queryKeys } from '../../../shared/query-keys.ts';
import {
  type CalendarDay,
  deleteCalendarDay,
  putCalendarDay,
  useCalendar,
} from '../../../shared/resources/deadlines.ts';
import { showApiError } from '../common/api-errors.ts';
import { useAdminI18n } from '../common/use-admin-i18n.ts';
import { useViewer } from '../common/use-me.ts';

const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The day of the week of a calendar date (read as a date, not an instant: no time-zone shift). */
function weekdayOf(day: string): number {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

interface NewDay {
  day: string;
  kind: CalendarDay['kind'];
  name: string;
}

/** The calendar page. */
export function CalendarPage() {
  const { t, lang } = useAdminI18n();
  const [toast, toastHolder] = message.useMessage();
  const { viewer } = useViewer();
  const isAdmin = viewer?.isAdmin ?? false;
  const [year, setYear] = useState(() => new Date().getFullYear());
  const refresh = useRefresh();
  const [form] = Form.useForm<NewDay>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const days = useCalendar(year);
  const list = days.data ?? [];
  const weekdays = lang === 'en' ? WEEKDAYS_EN : WEEKDAYS_ZH;

  const add = async (values: NewDay) => {
    setProblem(undefined);
    setSaving(true);
    try {
      await putCalendarDay(values.day, values.kind, values.name.trim());
      toast.success(t('common.saved'));
      form.resetFields(['day', 'name']);
      const addedYear = Number(values.day.slice(0, 4));
      if (addedYear !== year) setYear(addedYear);
      void refresh(queryKeys.calendar());
    } catch (error) {
      setProblem(showApiError(form, error));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (day: string) => {
    setProblem(undefined);
    try {
      await deleteCalendarDay(day);
      void refresh(queryKeys.calendar());
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <Card
      title={t('page.calendar')}
      extra={
        <Space>
          <label htmlFor="calendar-year">{t('calendar.year')}</label>
          <Select
            id="calendar-year"
            value={year}
            onChange={setYear}
            style={{ width: 100 }}
            options={Array.from({ length: 7 }, (_, i) => new Date().getFullYear() - 3 + i).map((y) => ({
              value: y,
              label: String(y),
            }))}
          />
        </Space>
      }
    >
      {toastHolder}
      <Typography.Paragraph type="secondary">{t('calendar.intro')}</Typography.Paragraph>
      {problem && <Alert type="error" title={problem} style={{ marginBottom: 16 }} />}
      {isAdmin ? (
        <Form
          form={form}
          layout="inline"
          name="calendar-add"
          onFinish={add}
          initialValues={{ kind: 'holiday' }}
          style={{ marginBottom: 16, rowGap: 8 }}
        >
          <Form.Item
            name="day"
            label={t('calendar.day')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input type="date" style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="kind" label={t('calendar.kind')}>
            <Select
              style={{ width: 150 }}
              options={[
                { value: 'holiday', label: t('calendar.holiday') },
                { value: 'workday', label: t('calendar.workday') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('calendar.name')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input style={{ width: 200 }} placeholder={t('calendar.nameHint')} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('calendar.add')}
            </Button>
          </Form.Item>
        </Form>
      ) : (
        <Alert type="info" title={t('common.readOnly')} style={{ marginBottom: 16 }} />
      )}
      {days.error && <Alert type="error" title={t('common.loadFailed', { message: days.error.message })} />}
      <Typography.Paragraph data-testid="calendar-summary">
        {t('calendar.summary', {
          year,
          holidays: list.filter((d) => d.kind === 'holiday').length,
          workdays: list.filter((d) => d.kind === 'workday').length,
        })}
      </Typography.Paragraph>
      <Table<CalendarDay>
        rowKey="day"
        size="small"
        loading={days.loading}
        dataSource={list}
        pagination={false}
        locale={{ emptyText: t('calendar.empty') }}
        columns={[
          { key: 'day', title: t('calendar.day'), dataIndex: 'day', width: 140 },
          {
            key: 'weekday',
            title: t('calendar.weekday'),
            width: 90,
            render: (_, d) => weekdays[weekdayOf(d.day)],
          },
          {
            key: 'kind',
            title: t('calendar.kind'),
            width: 140,
            render: (_, d) =>
              d.kind === 'holiday' ? (
                <Tag color="red">{t('calendar.holiday')}</Tag>
              ) : (
                <Tag color="blue">{t('calendar.workday')}</Tag>
              ),
          },
          { key: 'name', title: t('calendar.name'), dataIndex: 'name' },
          ...(isAdmin
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 100,
                  render: (_: unknown, d: CalendarDay) => (
                    <Popconfirm
                      title={t('calendar.removeConfirm', { day: d.day })}
                      okText={t('common.yes')}
                      cancelText={t('common.no')}
                      onConfirm={() => remove(d.day)}
                    >
                      <Button size="small" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
