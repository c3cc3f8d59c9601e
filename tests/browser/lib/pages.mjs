// The example site's pages that the suite visits.
export const pages = {
  home: '',
  hub: 'topics/leg-cramps-at-night/',
  article: 'articles/quick-relief-during-a-cramp/',
  topics: 'topics/',
  search: 'search/?q=charley+horse',
  notFound: 'no-such-page/',
};
