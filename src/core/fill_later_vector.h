// A vector whose new elements are left uninitialized, for large tables that
// are filled right after they are sized.
//
// std::vector<T>::resize(n) writes n zeros first. For the search index's
// tables (hundreds of MB on a large site) that write is also the first touch
// of fresh memory: one thread takes every page fault, in a serial stretch,
// before the (parallel) fill touches the pages again. With this allocator
// the fill is the first touch.
#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace topichub {

// Value-initialization (construct(p) with no arguments) becomes
// default-initialization: nothing, for trivial types.
template <typename T>
class DefaultInitAllocator : public std::allocator<T> {
 public:
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };
  using std::allocator<T>::allocator;

  template <typename U>
  void construct(U* place) noexcept {
    static_assert(std::is_trivially_default_constructible_v<U>, "only for tables of plain values");
    ::new (static_cast<void*>(place)) U;
  }
  template <typename U, typename... Args>
  void construct(U* place, Args&&... args) {
    ::new (static_cast<void*>(place)) U(std::forward<Args>(args)...);
  }
};

// Elements added by resize(n) hold indeterminate values until written.
template <typename T>
using FillLaterVector = std::vector<T, DefaultInitAllocator<T>>;

}  // namespace topichub
