/**
 * The operations relay.e2e.ts runs, as a Relay app writes them. Read by Relay's compiler only
 * (`npm run relay -w @app/e2e` writes `__generated__/`, committed); never imported: the test
 * runs the compiled artifacts, as an app built with Relay's Babel plugin would.
 */
import { graphql } from 'relay-runtime';

export const creatorVideos = graphql`
  query RelayCreatorVideosQuery($id: ID!, $count: Int!, $before: String) {
    node(id: $id) {
      __typename
      id
      ... on Creator {
        handle
        videoCount
        videos(last: $count, before: $before) @connection(key: "RelayCreator_videos") {
          totalCount
          edges {
            node {
              id
              caption
            }
          }
        }
      }
    }
  }
`;
