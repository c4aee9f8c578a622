import { type ReactNode, useLayoutEffect, useRef, useState } from 'react'

/**
 * Draws only the rows in view (fixed row height), so a table of 771 faults
 * re-renders in well under a frame on every keystroke, and a live traffic
 * log costs the same at 30 rows or 3,000. `followTail` keeps the view on
 * the newest row while the user has not scrolled up.
 */
export function VirtualRows<T>({
  rows,
  rowHeight,
  height,
  render,
  testId,
  followTail = false,
  className = 'virtual',
  overscan = 6,
}: {
  rows: readonly T[]
  rowHeight: number
  height: number
  render: (row: T, index: number) => ReactNode
  testId?: string
  followTail?: boolean
  className?: string
  /** rows drawn beyond each edge of the view: fewer make a changed list cheaper to lay out, more keep a fast scroll filled */
  overscan?: number
}) {
  const ref = useRef<HTMLDivElement>(null)
  const [scrollTop, setScrollTop] = useState(0)
  const atTail = useRef(true)
  const total = rows.length * rowHeight

  useLayoutEffect(() => {
    const el = ref.current
    if (!el || !followTail || !atTail.current) return
    const bottom = Math.max(0, total - el.clientHeight)
    if (el.scrollTop !== bottom) el.scrollTop = bottom
    setScrollTop(bottom)
  }, [total, followTail])

  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan)
  const end = Math.min(rows.length, Math.ceil((scrollTop + height) / rowHeight) + overscan)
  const visible = rows.slice(start, end)
  return (
    <div
      ref={ref}
      className={className}
      style={{ height }}
      onScroll={(e) => {
        const el = e.currentTarget
        atTail.current = el.scrollTop + el.clientHeight >= el.scrollHeight - rowHeight
        setScrollTop(el.scrollTop)
      }}
      data-testid={testId}
      data-rows={rows.length}
    >
      <div style={{ height: total, position: 'relative' }}>
        <div style={{ transform: `translateY(${start * rowHeight}px)` }}>{visible.map((row, i) => render(row, start + i))}</div>
      </div>
    </div>
  )
}
