package texts

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/feature/plural"

	"github.com/filekeeper/filekeeper/internal/domain"
)

// TestRuPlural: the CLDR rules of Russian pick the form of a count.
func TestRuPlural(t *testing.T) {
	cases := map[int]string{
		0: "5 файлов", 1: "1 файл", 2: "2 файла", 3: "3 файла", 4: "4 файла", 5: "5 файлов",
		10: "10 файлов", 11: "11 файлов", 12: "12 файлов", 14: "14 файлов", 15: "15 файлов", 20: "20 файлов",
		21: "21 файл", 22: "22 файла", 24: "24 файла", 25: "25 файлов", 100: "100 файлов",
		101: "101 файл", 111: "111 файлов", 112: "112 файлов", 114: "114 файлов", 122: "122 файла",
		1001: "1001 файл", 1011: "1011 файлов", -1: "-1 файл", -3: "-3 файла",
	}
	for n, want := range cases {
		if n == 0 {
			want = "0 файлов"
		}
		t.Run(want, func(t *testing.T) {
			assert.Equal(t, want, fmt.Sprintf("%d %s", n, ru.word(n, Forms{plural.One: "файл", plural.Few: "файла", plural.Many: "файлов"})))
			assert.Equal(t, want, ruFiles(n))
		})
	}
}

func TestRuDate(t *testing.T) {
	moscow := time.FixedZone("MSK", 3*60*60)
	cases := []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, time.November, 23, 14, 5, 0, 0, time.UTC), "23 ноября 2026, 14:05 UTC"},
		{time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC), "1 января 2026, 00:00 UTC"},
		{time.Date(2025, time.May, 9, 9, 30, 59, 0, time.UTC), "9 мая 2025, 09:30 UTC"},
		{time.Date(2025, time.March, 1, 1, 15, 0, 0, moscow), "28 февраля 2025, 22:15 UTC"},
		{time.Date(2024, time.December, 31, 23, 59, 0, 0, time.UTC), "31 декабря 2024, 23:59 UTC"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) { assert.Equal(t, c.want, Russian.Date(c.at)) })
	}
	months := []string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"}
	for m, name := range months {
		assert.Equal(t, "15 "+name+" 2026", ruDay(time.Date(2026, time.Month(m+1), 15, 12, 0, 0, 0, time.UTC)))
	}
}

func TestRuDurationSaysTheRetentionInRussian(t *testing.T) {
	cases := map[time.Duration]string{
		30 * 24 * time.Hour: "30 дней", 2 * 24 * time.Hour: "2 дня", 21 * 24 * time.Hour: "21 день",
		12 * time.Hour: "12 часов", 3 * time.Hour: "3 часа", 90 * time.Minute: "90 минут", time.Minute: "1 минуту",
	}
	for d, want := range cases {
		t.Run(want, func(t *testing.T) { assert.Equal(t, want, ruDuration(d)) })
	}
}

func TestRussianNamesAndLimitsInTheGenitive(t *testing.T) {
	assert.Equal(t, "Слишком длинное название: можно не больше 64 символов. Пришлите другое или /cancel.",
		Russian.NameRule(&domain.NameError{Reason: domain.NameTooLong, Max: 64}))
	assert.Contains(t, Russian.NameRule(&domain.NameError{Reason: domain.NameTooLong, Max: 1}), "не больше 1 символа.")
	assert.Contains(t, Russian.NameRule(&domain.NameError{Reason: domain.NameTooLong, Max: 21}), "не больше 21 символа.")
	assert.Contains(t, Russian.QueryTooLong(200), "не больше 200 символов.")
	assert.Equal(t, "Ваша библиотека заполнена: у вас 1000 из 1000 файлов. Удалите ненужные (и очистите корзину), чтобы освободить место.",
		Russian.QuotaFiles(1000, 1000))
	assert.Contains(t, Russian.QuotaFiles(21, 21), "у вас 21 из 21 файла.")
}

func TestRussianFlowsCancelled(t *testing.T) {
	cases := []struct {
		step    domain.Step
		subject string
		want    string
	}{
		{domain.StepRenameFile, "a.pdf", "Отменено: переименование «a.pdf»."},
		{domain.StepRenameFile, "", "Отменено: переименование файла."},
		{domain.StepNewCategory, "", "Отменено: создание новой категории."},
		{domain.StepRenameCategory, "Работа", "Отменено: переименование категории «Работа»."},
		{domain.StepUpload, "Работа", "Отменено: загрузка файлов в категорию «Работа»."},
		{domain.StepUpload, Russian.NoCategory, "Отменено: загрузка файлов."},
		{domain.StepSearch, "", "Отменено: поиск."},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Russian.CancelledFlow(Russian.FlowName(c.step, c.subject)))
	}
}
