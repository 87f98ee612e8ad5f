import Foundation

/// Fixed slots that concurrent iterations fill, each its own index, read once all are done.
package final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    package init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    package subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    /// The values; every slot must have been filled.
    package var values: [Value] { lock.withLock { slots.compactMap { $0 } } }
}
